"""Map Priority Life Experiences as graphs of steps, agencies and handoffs."""

__version__ = "0.1.0"
