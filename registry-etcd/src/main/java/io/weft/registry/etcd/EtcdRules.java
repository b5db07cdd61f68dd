package io.weft.registry.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.weft.registry.support.RuleStore;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Rule keys on etcd: plain (unleased) keys whose revision is the key's mod revision. Conditional
 * writes are one transaction each: compare the mod revision (0 for an absent key), then put or
 * delete, else read the current revision for the conflict. Thread-safe; every call blocks up to the
 * registry's timeout.
 */
final class EtcdRules implements RuleStore {
    private final EtcdCalls calls;

    EtcdRules(EtcdCalls calls) {
        this.calls = calls;
    }

    static RuleValue value(KeyValue kv) {
        return new RuleValue(kv.getValue().toString(StandardCharsets.UTF_8), kv.getModRevision());
    }

    @Override
    public Optional<RuleValue> get(String key) {
        List<KeyValue> kvs = calls.await(calls.kv().get(EtcdRegistry.bytes(key)), "read " + key).getKvs();
        return kvs.isEmpty() ? Optional.empty() : Optional.of(value(kvs.get(0)));
    }

    @Override
    public long put(String key, String json, long expectedRevision) {
        ByteSequence k = EtcdRegistry.bytes(key);
        ByteSequence v = EtcdRegistry.bytes(json);
        if (expectedRevision == -1) {
            return calls.await(calls.kv().put(k, v), "write " + key).getHeader().getRevision();
        }
        TxnResponse response = calls.await(calls.kv().txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.put(k, v, PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(), "write " + key);
        if (!response.isSucceeded()) {
            throw conflict(key, expectedRevision, response);
        }
        return response.getHeader().getRevision();
    }

    @Override
    public boolean delete(String key, long expectedRevision) {
        ByteSequence k = EtcdRegistry.bytes(key);
        if (expectedRevision == -1) {
            return calls.await(calls.kv().delete(k), "delete " + key).getDeleted() > 0;
        }
        TxnResponse response = calls.await(calls.kv().txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.delete(k, DeleteOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(), "delete " + key);
        if (!response.isSucceeded()) {
            throw conflict(key, expectedRevision, response);
        }
        return expectedRevision > 0; // expecting absence and finding it deletes nothing
    }

    private static RevisionConflictException conflict(String key, long expected, TxnResponse response) {
        List<KeyValue> kvs = response.getGetResponses().isEmpty() ? List.of()
                : response.getGetResponses().get(0).getKvs();
        return new RevisionConflictException(key, expected, kvs.isEmpty() ? 0 : kvs.get(0).getModRevision());
    }

}
