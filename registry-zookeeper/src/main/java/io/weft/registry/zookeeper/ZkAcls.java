package io.weft.registry.zookeeper;

import io.weft.registry.support.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * The ACL of every node a registry with credentials creates — instance nodes, rules, audit entries
 * and every parent folder, the namespace root included: {@code world:anyone} may READ (so consumers
 * without credentials still discover providers and read rules) and the configured digest identity
 * may do everything. Nobody else may write, delete, or create children (which is what keeps a forged
 * node out of {@code providers/}). Immutable.
 */
final class ZkAcls implements ACLProvider {
    static final String SCHEME = "digest";

    private final List<ACL> acl;

    private ZkAcls(List<ACL> acl) {
        this.acl = acl;
    }

    static ZkAcls of(RegistryCredentials credentials) {
        String digest;
        try {
            digest = DigestAuthenticationProvider.generateDigest(credentials.username() + ":" + credentials.password());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available for ZooKeeper digest authentication", e);
        }
        // Not List.of: ZooKeeper asks the list contains(null), which List.of answers with an exception.
        return new ZkAcls(Collections.unmodifiableList(Arrays.asList(
                new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE),
                new ACL(ZooDefs.Perms.ALL, new Id(SCHEME, digest)))));
    }

    /** The {@code user:password} bytes given to ZooKeeper's {@code addAuthInfo}. */
    static byte[] authentication(RegistryCredentials credentials) {
        return (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code existing} lets {@code world:anyone} do more than read. */
    static boolean openToAnyone(List<ACL> existing) {
        for (ACL entry : existing) {
            if (ZooDefs.Ids.ANYONE_ID_UNSAFE.equals(entry.getId()) && (entry.getPerms() & ~ZooDefs.Perms.READ) != 0) {
                return true;
            }
        }
        return false;
    }

    List<ACL> acl() {
        return acl;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return acl;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return acl;
    }
}
