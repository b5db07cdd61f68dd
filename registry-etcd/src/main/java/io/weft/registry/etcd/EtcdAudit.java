package io.weft.registry.etcd;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.weft.registry.support.AuditKeys;
import io.weft.registry.support.RegistryPaths;
import java.util.List;

/**
 * The audit log on etcd: one plain (unleased) key per entry under {@code /{ns}/audit/}; reading is
 * one range request sorted by key, descending, limited. Thread-safe; every call blocks up to the
 * registry's timeout.
 */
final class EtcdAudit {
    private final EtcdRegistry registry;
    private final String prefix;
    private final AuditKeys keys;

    EtcdAudit(EtcdRegistry registry, String namespace) {
        this.registry = registry;
        this.prefix = RegistryPaths.audit(namespace) + "/";
        this.keys = new AuditKeys(namespace);
    }

    void append(String json) {
        requireNonNull(json, "json");
        String key = keys.next();
        registry.await(registry.kv().put(EtcdRegistry.bytes(key), EtcdRegistry.bytes(json)), "write " + key);
    }

    List<String> newest(int limit) {
        AuditKeys.checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        GetOption option = GetOption.builder().isPrefix(true).withLimit(limit)
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.DESCEND).build();
        List<KeyValue> kvs = registry.await(registry.kv().get(EtcdRegistry.bytes(prefix), option),
                "read " + prefix).getKvs();
        return kvs.stream().map(kv -> EtcdRegistry.string(kv.getValue())).toList();
    }
}
