package io.weft.internal.client;

import java.util.concurrent.CompletableFuture;

/** One cluster strategy: sends a call to one or more instances of the group and combines the outcomes. */
interface Strategy {
    /** Never throws; failures complete the future exceptionally with an {@code RpcException}. */
    CompletableFuture<Object> invoke(OutgoingCall call);
}
