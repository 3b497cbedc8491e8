"""Errors a parser raises for input it cannot read. Each carries a one-line message."""


class ParseError(Exception):
    """A file that could not be read; `str(error)` is one line for the errors table."""


class EmptyFileError(ParseError):
    pass


class TooLargeError(ParseError):
    pass


class CorruptFileError(ParseError):
    pass


class EncryptedFileError(ParseError):
    pass


class ZipBombError(ParseError):
    pass


class BinaryContentError(ParseError):
    pass


class UnknownEncodingError(ParseError):
    pass


class MissingToolError(ParseError):
    pass


class UnsupportedFormatError(ParseError):
    pass


class OcrError(ParseError):
    """Tesseract ran but could not read a page (crashed, timed out)."""
