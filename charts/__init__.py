"""Chart builders: pure functions from metric results to plotly figures (no Streamlit import)."""
