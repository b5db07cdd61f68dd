package io.weft.registry.etcd;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.weft.registry.support.AuditKeys;
import io.weft.registry.support.AuditLog;
import io.weft.registry.support.RegistryPaths;
import java.util.List;

/**
 * The audit log on etcd: one plain (unleased) key per entry under {@code /{ns}/audit/}; reading is
 * one range request sorted by key, descending, limited. Thread-safe; every call blocks up to the
 * registry's timeout.
 */
final class EtcdAudit implements AuditLog {
    private final EtcdCalls calls;
    private final String prefix;
    private final AuditKeys keys;

    EtcdAudit(EtcdCalls calls, String namespace) {
        this.calls = calls;
        this.prefix = RegistryPaths.audit(namespace) + "/";
        this.keys = new AuditKeys(namespace);
    }

    @Override
    public void append(String json) {
        String key = keys.next();
        calls.await(calls.kv().put(EtcdRegistry.bytes(key), EtcdRegistry.bytes(json)), "write " + key);
    }

    @Override
    public List<String> newest(int limit) {
        GetOption option = GetOption.builder().isPrefix(true).withLimit(limit)
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.DESCEND).build();
        List<KeyValue> kvs = calls.await(calls.kv().get(EtcdRegistry.bytes(prefix), option),
                "read " + prefix).getKvs();
        return kvs.stream().map(kv -> EtcdRegistry.string(kv.getValue())).toList();
    }
}
