"""The Streamlit app's pages. They pick widgets, call the library and render; nothing else."""
