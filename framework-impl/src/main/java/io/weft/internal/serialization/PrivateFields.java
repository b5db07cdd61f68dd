package io.weft.internal.serialization;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** {@link VarHandle}s on hessian-lite's private fields, looked up once per class: all or none. */
final class PrivateFields {

    private PrivateFields() {
    }

    /**
     * Handles on the fields of {@code owner} named in {@code namesAndTypes} (name, type, name,
     * type, …), in that order; all null if any is missing or inaccessible (another hessian-lite
     * layout), so the caller falls back to the stock behaviour.
     */
    static VarHandle[] find(Class<?> owner, Object... namesAndTypes) {
        VarHandle[] handles = new VarHandle[namesAndTypes.length / 2];
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            for (int i = 0; i < handles.length; i++) {
                handles[i] = lookup.findVarHandle(owner, (String) namesAndTypes[2 * i],
                        (Class<?>) namesAndTypes[2 * i + 1]);
            }
            return handles;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new VarHandle[handles.length];
        }
    }
}
