package nl.wams.gateway.api;

/** The resource does not exist, expired, or belongs to someone else (indistinguishable on purpose). */
final class ResourceNotFoundException extends RuntimeException {

    ResourceNotFoundException(String detail) {
        super(detail, null, false, false);
    }
}
