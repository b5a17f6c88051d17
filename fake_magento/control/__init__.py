"""The /_fake control plane: outside /rest, gone with --no-control-plane."""
