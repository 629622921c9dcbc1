from .vocabulary import Technique

__all__ = ["Technique"]
