"""The interview side of testimony-intake: protocols, the flow, the app and the command line."""

__version__ = "0.1.0"
