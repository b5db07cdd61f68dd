package io.weft.internal.serialization;

import io.weft.internal.serialization.fixture.api.GreeterApi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** The {@link Hessian2Serialization} a test works on, and bytes written by and read through it. */
abstract class Hessian2Fixture {
    final Hessian2Serialization serialization = new Hessian2Serialization(List.of());

    /** With the fixture API's package ({@code Person}, {@code Point}…) allowed from the start. */
    Hessian2Fixture() {
        this(true);
    }

    Hessian2Fixture(boolean allowFixtureApi) {
        if (allowFixtureApi) {
            serialization.allowPackageOf(GreeterApi.class);
        }
    }

    byte[] write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serialization.write(value, out);
        return out.toByteArray();
    }

    Object read(byte[] bytes) throws IOException {
        return serialization.read(new ByteArrayInputStream(bytes));
    }

    Object roundTrip(Object value) throws IOException {
        return read(write(value));
    }
}
