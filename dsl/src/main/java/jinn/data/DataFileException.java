package jinn.data;

/** A data file that is missing, unreadable or malformed; the message names the file(s) and the problem. */
public final class DataFileException extends RuntimeException {

    DataFileException(String message) {
        super(message);
    }

    DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
