package io.weft.spi;

import io.weft.ServiceInstance;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where instances announce themselves and find each other. Layout (a contract):
 * {@code /{ns}/services/{service}/providers/{host}:{port}} and
 * {@code /{ns}/services/{service}/consumers/{instanceId}}, each holding the instance JSON, living
 * as long as the registering process (ephemeral node or leased key).
 *
 * <p>Implementations keep registrations and watches alive across connection loss and session or
 * lease expiry by themselves. All methods are thread-safe; listeners are called on a registry
 * thread, one call at a time per watch, and must not block.
 *
 * <p>Rule keys {@code /{ns}/rules/{service}/{kind}} are persistent and hold rule JSON, read and
 * written as plain strings here (validation is the caller's business). Writes are compare-and-set on
 * the key's {@linkplain RuleValue#revision() revision}. Operations that reach the backend fail with
 * {@link io.weft.RpcException} {@code UNAVAILABLE} when it cannot be reached in time; a bad service
 * name or rule kind fails with {@link IllegalArgumentException}.
 */
public interface Registry extends AutoCloseable {

    /**
     * Announces {@code instance}; the node exists until the registration is closed or this process
     * dies. Registering where a stale node of an earlier session lingers succeeds.
     *
     * @param role picks {@code providers/} or {@code consumers/}
     * @param instance the node's content; its {@code instanceId} names the node
     * @return the live registration, to update or close
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    Registration register(InstanceRole role, ServiceInstance instance);

    /**
     * The instances of {@code service} in {@code role} now, read from the registry.
     *
     * @param service the service name (interface FQCN)
     * @param role providers or consumers
     * @return an immutable list, empty when there are none; nodes that do not parse are left out
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    List<ServiceInstance> list(String service, InstanceRole role);

    /**
     * Watches the instances of {@code service} in {@code role}. {@code listener} receives an
     * immutable snapshot of the full list first and again after every change.
     *
     * @param service the service name (interface FQCN)
     * @param role providers or consumers
     * @param listener receives each snapshot on a registry thread; must not block
     * @return the watch; close it to stop notifications
     */
    Watch watch(String service, InstanceRole role, Consumer<List<ServiceInstance>> listener);

    /**
     * The rule at {@code /{ns}/rules/{service}/{kind}} now, or empty when the key is absent.
     *
     * @param service the service name (interface FQCN)
     * @param kind one of {@code routing}, {@code throttling}, {@code faults}, {@code security}
     * @return the JSON and its revision, or empty
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    Optional<RuleValue> getRule(String service, String kind);

    /**
     * Watches one rule key. {@code listener} receives the current value first (empty: the key is
     * absent) and again after every change, on a registry thread, one call at a time. The watch
     * survives reconnects and session or lease loss; after one it delivers the value read again when
     * it differs from the last delivered.
     *
     * @param service the service name (interface FQCN)
     * @param kind one of {@code routing}, {@code throttling}, {@code faults}, {@code security}
     * @param listener receives each value; must not block
     * @return the watch; close it to stop notifications
     */
    Watch watchRule(String service, String kind, Consumer<Optional<RuleValue>> listener);

    /**
     * Writes rule JSON if the key's revision is {@code expectedRevision}.
     *
     * @param service the service name (interface FQCN)
     * @param kind one of {@code routing}, {@code throttling}, {@code faults}, {@code security}
     * @param json the rule JSON, stored as given (validate it first)
     * @param expectedRevision the revision last read; {@code 0}: the key must not exist;
     *     {@code -1}: write unconditionally
     * @return the key's new revision
     * @throws RevisionConflictException when the key's revision is not {@code expectedRevision}
     */
    long putRule(String service, String kind, String json, long expectedRevision);

    /**
     * Deletes a rule key if its revision is {@code expectedRevision} ({@code -1}: whatever it is).
     *
     * @param service the service name (interface FQCN)
     * @param kind one of {@code routing}, {@code throttling}, {@code faults}, {@code security}
     * @param expectedRevision the revision last read; {@code -1}: delete unconditionally
     * @return {@code true} if the key was deleted, {@code false} if it did not exist (and
     *     {@code expectedRevision} was {@code -1} or {@code 0})
     * @throws RevisionConflictException when the key exists at another revision, or is absent while
     *     a positive revision was expected
     */
    boolean deleteRule(String service, String kind, long expectedRevision);

    /**
     * The names under {@code /{ns}/services}, sorted: every service that has, or recently had, a
     * registered provider or consumer (ZooKeeper removes emptied parents after a while, etcd at once).
     *
     * @return the service names, sorted; empty when there are none
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    List<String> services();

    /**
     * Appends one entry to the audit log: a new persistent key {@code /{ns}/audit/{millis}-{random}}
     * ({@code millis}: 13-digit zero-padded epoch milliseconds, strictly increasing per registry
     * object; {@code random}: hex) holding {@code json} as given. Entries are never rewritten.
     * Used by the governance console to record rule changes.
     *
     * @param json the entry, stored as given
     * @throws io.weft.RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    void appendAudit(String json);

    /**
     * The newest audit entries first, at most {@code limit} ({@code 0}: none), ordered by key (entries
     * written in the same millisecond by different writers come in an arbitrary but stable order).
     *
     * @param limit the most entries to return, {@code >= 0}
     * @return the entries' JSON, newest first
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    List<String> audit(int limit);

    /** Closes the session: every registration of this registry disappears, every watch stops. */
    @Override
    void close();

    /** A live registration. */
    interface Registration extends AutoCloseable {
        /**
         * What the node holds now.
         *
         * @return the instance as last registered or {@linkplain #update updated}
         */
        ServiceInstance instance();

        /**
         * Rewrites the node's value (e.g. a new {@code status}); kept across session recovery.
         *
         * @param instance the new content, of the same service, role and {@code instanceId}
         */
        void update(ServiceInstance instance);

        /** Removes the node. Idempotent. */
        @Override
        void close();
    }

    /** A live watch; closing it stops notifications. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
