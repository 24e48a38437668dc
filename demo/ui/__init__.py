"""Gradio tabs: each builder wires components to the service; none computes anything itself."""
