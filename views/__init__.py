"""The explorer's pages (not named `pages/`: Streamlit treats a folder of that name beside app.py as
its old multipage mode and runs a deep-linked page without the app.py frame). ``common`` holds
the Streamlit helpers the pages share; the others only render."""
