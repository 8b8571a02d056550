"""The explorer's pages. ``common`` holds the Streamlit helpers they share; the others render."""
