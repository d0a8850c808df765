"""What the app's pages show, computed without a UI so it can be tested plainly.

Each function takes the workspace (and a gap report where needed) and returns
rows or small dataclasses; the Streamlit pages only pick widgets and render.
"""
