"""The interview app (Textual). Import :class:`InterviewApp` from ``intake.app.app``."""
