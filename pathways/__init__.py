"""Pathway explorer domain package.

Everything the app computes lives here; the package never imports streamlit, so the same
functions serve the pages, the command line (``python -m pathways``) and the tests.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
