package nl.wams.gateway.api;

/** The resource is not in a state that allows this (exists already, closed, decided): 409 with its own slug. */
final class ConflictException extends RuntimeException {

    private final String slug;
    private final String title;

    ConflictException(String slug, String title, String detail) {
        super(detail, null, false, false);
        this.slug = slug;
        this.title = title;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }
}
