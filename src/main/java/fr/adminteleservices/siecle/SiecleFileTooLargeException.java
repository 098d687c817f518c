package fr.adminteleservices.siecle;

/** A file, or a part of it, far larger than any real SIECLE export: refused with 413, nothing stored. */
public class SiecleFileTooLargeException extends SiecleFormatException {
    public SiecleFileTooLargeException(String message) {
        super(message);
    }
}
