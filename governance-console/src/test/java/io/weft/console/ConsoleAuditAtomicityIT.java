package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.spi.RuleValue;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule change and its audit entry succeed or fail together: the audit folder is made read-only with a
 * real ZooKeeper ACL, so the console's audit write fails for real, and the rule must end as it was.
 */
class ConsoleAuditAtomicityIT {
    private static final String RULES = "/api/services/" + Mesh.SERVICE + "/rules/";
    private static final String FAULTS =
            "{\"faults\":[{\"name\":\"slow\",\"side\":\"consumer\",\"delay\":{\"ms\":5,\"percent\":1}}]}";
    private static final String FAULTS_2 = FAULTS.replace("\"percent\":1", "\"percent\":2");
    private static final String AUDIT = "/weft/audit";
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();
    private static RawZooKeeper zk;

    @BeforeAll
    static void connect() throws Exception {
        zk = mesh.rawZooKeeper();
    }

    @AfterEach
    void auditWritable() throws Exception {
        zk.makeWritable(AUDIT);
    }

    @Test
    void createWhoseAuditWriteFailsIsUndoneAndAnswered500NamingTheCause() throws Exception {
        ConsoleClient client = ConsoleClient.loggedIn(mesh.console);
        zk.makeReadOnly(AUDIT);

        ConsoleClient.Answer answer = client.send("PUT", RULES + "routing",
                "{\"routes\":[{\"name\":\"all\",\"destinations\":[{\"subset\":{\"env\":\"stable\"},\"weight\":100}]}]}", null);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().path("error").asText()).contains("audit").contains("undone").contains("ACL");
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "routing")).isEmpty();
    }

    @Test
    void updateAndDeleteWhoseAuditWriteFailsLeaveTheRuleAsItWas() throws Exception {
        ConsoleClient client = ConsoleClient.loggedIn(mesh.console);
        ConsoleClient.Answer created = client.send("PUT", RULES + "faults", FAULTS, null);
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        zk.makeReadOnly(AUDIT);

        ConsoleClient.Answer update = client.send("PUT", RULES + "faults", FAULTS_2, created.header("ETag"));
        assertThat(update.status()).isEqualTo(500);
        Optional<RuleValue> afterUpdate = mesh.registry.getRule(Mesh.SERVICE, "faults");
        assertThat(afterUpdate).map(RuleValue::json).contains(FAULTS);

        ConsoleClient.Answer delete = client.send("DELETE", RULES + "faults", null,
                RulesApi.etag(afterUpdate.orElseThrow().revision()));
        assertThat(delete.status()).isEqualTo(500);
        assertThat(mesh.registry.getRule(Mesh.SERVICE, "faults")).map(RuleValue::json).contains(FAULTS);

        zk.makeWritable(AUDIT);
        assertThat(client.get("/api/audit").json().path("entries")).hasSize(1); // only the create
    }
}
