from .cdm import CDMLabels
from .vocabulary import Technique

__all__ = ["CDMLabels", "Technique"]
