"""authoring: what staff run besides writing: scaffold a new item or a
translation, and see which translations are missing or out of date."""
