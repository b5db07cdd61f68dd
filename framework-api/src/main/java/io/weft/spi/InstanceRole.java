package io.weft.spi;

/** Which side of a service an instance node is on; picks {@code providers/} or {@code consumers/}. */
public enum InstanceRole {
    /** An instance that serves the service, under {@code providers/}. */
    PROVIDER("providers"),
    /** An instance that calls the service, under {@code consumers/}. */
    CONSUMER("consumers");

    private final String pathSegment;

    InstanceRole(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    /**
     * The role's segment of the registry layout.
     *
     * @return {@code providers} or {@code consumers}
     */
    public String pathSegment() {
        return pathSegment;
    }
}
