"""The answer stage: question analysis, follow-ups, answer types, span selection and refusal."""

from .followup import resolve_followup
from .question import Question, TermGroup, analyze
from .reader import NOT_FOUND, Reader, unsupported_numbers

__all__ = ["NOT_FOUND", "Question", "Reader", "TermGroup", "analyze", "resolve_followup",
           "unsupported_numbers"]
