"""The build's phases, in the order data flows through them.

    p1_read       content/ and the settings it needs, read and checked, and
                  each body rendered (Markdown -> HTML) as it is read
    p2_render     what rendering found (the sanitiser's removals)
    p3_views      what every page shows: items, lists, projects, topics, routes
    p4_assets     theme files, pictures and linked files, published
    p5_pages      the views through the theme's templates
    p6_feeds      Atom feeds, sitemap.xml, robots.txt, _headers
    p7_redirects  a page at each old address

`plugins.newsroom.pipeline.run` runs them; the search index (plugins.search)
is made from the views afterwards by whoever builds (plugins.publishing).
No phase imports search or publishing.
"""
