package io.weft.spi;

/** Which side of a service an instance node is on; picks {@code providers/} or {@code consumers/}. */
public enum InstanceRole {
    PROVIDER("providers"),
    CONSUMER("consumers");

    private final String pathSegment;

    InstanceRole(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    /** {@code providers} or {@code consumers}, as in the registry layout. */
    public String pathSegment() {
        return pathSegment;
    }
}
