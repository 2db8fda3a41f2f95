"""Interview protocols: the declarative format, its model and its loader."""

from intake.protocol.errors import ProtocolError
from intake.protocol.loader import (
    DEFAULT_PROTOCOL,
    FORMAT,
    bundled_protocol,
    default_protocol,
    load_protocol,
)
from intake.protocol.model import (
    AnswerValue,
    Category,
    Choice,
    Condition,
    ConsentKind,
    Field,
    FieldType,
    Hierarchy,
    IdentityKind,
    Level,
    Op,
    Protocol,
    Step,
    Vocabulary,
)

__all__ = [
    "DEFAULT_PROTOCOL",
    "FORMAT",
    "AnswerValue",
    "Category",
    "Choice",
    "Condition",
    "ConsentKind",
    "Field",
    "FieldType",
    "Hierarchy",
    "IdentityKind",
    "Level",
    "Op",
    "Protocol",
    "ProtocolError",
    "Step",
    "Vocabulary",
    "bundled_protocol",
    "default_protocol",
    "load_protocol",
]
