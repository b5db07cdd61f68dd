package io.weft.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.Status;
import io.weft.rule.FaultRule;
import io.weft.rule.RoutingRule;
import io.weft.rule.Rule;
import io.weft.rule.RuleError;
import io.weft.rule.RuleKind;
import io.weft.rule.RuleValidationException;
import io.weft.rule.SecurityRule;
import io.weft.rule.Side;
import io.weft.rule.ThrottlingRule;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCodecTest {
    // The examples of DESIGN §6, verbatim.
    static final String ROUTING = """
            {"routes":[
               {"name":"beta","match":{"metadata":{"tier":"beta"}},
                "destinations":[{"subset":{"env":"canary"},"weight":100}]},
               {"name":"default",
                "destinations":[{"subset":{"env":"stable"},"weight":90},{"subset":{"env":"canary"},"weight":10}],
                "timeoutMs":800,"retries":{"attempts":2,"on":["UNAVAILABLE"]}}],
             "fallback":"all", "loadBalancer":"p2c", "hashKey":"metadata:user-id"}""";
    static final String THROTTLING = """
            {"limits":[
               {"name":"greet-qps","side":"provider","match":{"methods":["greet"]},"qps":500,"burst":50,"scope":"instance"},
               {"name":"batch","side":"provider","match":{"consumerApps":["batch"]},"qps":100,"scope":"cluster"},
               {"name":"conc","side":"provider","maxConcurrent":64},
               {"name":"client","side":"consumer","qps":200}],
             "circuitBreaker":{"failureRatePercent":50,"minimumCalls":20,"windowSeconds":10,"openSeconds":5}}""";
    static final String FAULTS = """
            {"faults":[
               {"name":"slow","side":"consumer","match":{"methods":["greet"]},"delay":{"ms":300,"percent":5}},
               {"name":"down","side":"provider","match":{"instances":["127.0.0.1:20881"]},
                "abort":{"status":"UNAVAILABLE","percent":100,"message":"injected"}}]}""";
    static final String SECURITY = """
            {"defaultAction":"allow",
             "rules":[{"action":"deny","match":{"sourceCidrs":["10.1.0.0/16"]}},
                      {"action":"allow","match":{"consumerApps":["web"],"methods":["greet"]}}],
             "authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]},
             "connectionLimits":{"maxConnectionsPerIp":50,"maxRequestsPerSecondPerIp":2000}}"""
            .formatted("a".repeat(64));

    @Test
    void designExamplesParseIntoTheirRecords() {
        RoutingRule routing = (RoutingRule) RuleCodec.parse(RuleKind.ROUTING, ROUTING);
        assertThat(routing.routes()).hasSize(2);
        assertThat(routing.routes().get(0).match().metadata()).containsEntry("tier", "beta");
        assertThat(routing.routes().get(1).destinations()).extracting(RoutingRule.Destination::weight)
                .containsExactly(90, 10);
        assertThat(routing.routes().get(1).retries().on()).containsExactly(Status.UNAVAILABLE);
        assertThat(routing.fallback()).isEqualTo(RoutingRule.Fallback.ALL);
        assertThat(routing.loadBalancer()).isEqualTo("p2c");

        ThrottlingRule throttling = (ThrottlingRule) RuleCodec.parse(RuleKind.THROTTLING, THROTTLING);
        assertThat(throttling.limits()).hasSize(4);
        assertThat(throttling.limits().get(1).scope()).isEqualTo(ThrottlingRule.Scope.CLUSTER);
        assertThat(throttling.limits().get(3).side()).isEqualTo(Side.CONSUMER);
        assertThat(throttling.circuitBreaker().openSeconds()).isEqualTo(5);

        FaultRule faults = (FaultRule) RuleCodec.parse(RuleKind.FAULTS, FAULTS);
        assertThat(faults.faults().get(1).abort().status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(faults.faults().get(0).delay().ms()).isEqualTo(300);

        SecurityRule security = (SecurityRule) RuleCodec.parse(RuleKind.SECURITY, SECURITY);
        assertThat(security.rules().get(0).action()).isEqualTo(SecurityRule.Action.DENY);
        assertThat(security.authentication().mode()).isEqualTo(SecurityRule.AuthMode.TOKEN);
        assertThat(security.connectionLimits().maxConnectionsPerIp()).isEqualTo(50);
    }

    @Test
    void writtenJsonParsesBackToTheSameRule() {
        for (var example : List.of(
                new Object[] {RuleKind.ROUTING, ROUTING}, new Object[] {RuleKind.THROTTLING, THROTTLING},
                new Object[] {RuleKind.FAULTS, FAULTS}, new Object[] {RuleKind.SECURITY, SECURITY})) {
            RuleKind kind = (RuleKind) example[0];
            Rule rule = RuleCodec.parse(kind, (String) example[1]);
            String written = RuleCodec.toJson(rule);
            assertThat(RuleCodec.parse(kind, written)).as(written).isEqualTo(rule);
        }
    }

    @Test
    void outOfRangeWeightIsReportedAtItsPath() {
        String json = ROUTING.replace("\"weight\":90", "\"weight\":150");
        assertThat(RuleCodec.validate(RuleKind.ROUTING, json))
                .containsExactly(new RuleError("routes[1].destinations[0].weight", "must be 0..100"));
        assertThatThrownBy(() -> RuleCodec.parse(RuleKind.ROUTING, json))
                .isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("routes[1].destinations[0].weight: must be 0..100");
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        String json = """
                {"routes":[{"destinations":[{"subset":{"env":1},"weight":"ten"}],"timeoutMs":0,"extra":true}],
                 "fallback":"sometimes","loadBalancer":"fastest","hashKey":"user","colour":"red"}""";
        List<String> errors = RuleCodec.validate(RuleKind.ROUTING, json).stream().map(RuleError::toString).toList();
        assertThat(errors).containsExactlyInAnyOrder(
                "routes[0].extra: unknown field",
                "routes[0].destinations[0].weight: must be an integer 0..100",
                "routes[0].destinations[0].subset.env: must be a string",
                "routes[0].timeoutMs: must be 1..3600000",
                "fallback: unknown value 'sometimes'; expected one of all, fail",
                "loadBalancer: unknown value 'fastest'; expected one of random, round_robin, least_active, "
                        + "consistent_hash, p2c",
                "hashKey: must be metadata:NAME or arg:INDEX",
                "colour: unknown field");
    }

    @Test
    void matchValuesAreChecked() {
        String json = """
                {"faults":[{"side":"provider","match":{"sourceCidrs":["10.0.0.0/33","banana"],
                  "instances":["no-port"],"methods":[""],"tier":"x"},"delay":{"ms":1,"percent":1}}]}""";
        List<String> paths = RuleCodec.validate(RuleKind.FAULTS, json).stream().map(RuleError::path).toList();
        assertThat(paths).containsExactlyInAnyOrder("faults[0].match.sourceCidrs[0]", "faults[0].match.sourceCidrs[1]",
                "faults[0].match.instances[0]", "faults[0].match.methods[0]", "faults[0].match.tier");
    }

    @Test
    void consumerSideRulesRefuseMatchFieldsOnlyProvidersCanEvaluate() {
        String faults = """
                {"faults":[{"side":"consumer","match":{"instances":["127.0.0.1:20881"]},
                            "abort":{"status":"UNAVAILABLE","percent":100}},
                           {"side":"consumer","match":{"sourceCidrs":["10.0.0.0/8"]},"delay":{"ms":5,"percent":100}},
                           {"side":"provider","match":{"instances":["127.0.0.1:20881"],"sourceCidrs":["10.0.0.0/8"]},
                            "delay":{"ms":5,"percent":100}}]}""";
        assertThat(RuleCodec.validate(RuleKind.FAULTS, faults)).extracting(RuleError::toString).containsExactly(
                "faults[0].match.instances: not supported on consumer-side rules (a consumer evaluates the match"
                        + " before it picks an instance; use side provider)",
                "faults[1].match.sourceCidrs: not supported on consumer-side rules (a consumer evaluates the match"
                        + " before it picks an instance; use side provider)");
        String limits = """
                {"limits":[{"side":"consumer","qps":5,"match":{"instances":["127.0.0.1:20881"]}},
                           {"side":"provider","qps":5,"match":{"sourceCidrs":["10.0.0.0/8"]}}]}""";
        assertThat(errorPaths(RuleKind.THROTTLING, limits))
                .containsExactly("limits[0].match.instances");
        String routing = """
                {"routes":[{"match":{"sourceCidrs":["10.0.0.0/8"],"instances":["127.0.0.1:1"]},
                            "destinations":[{"weight":100}]}]}""";
        assertThat(RuleCodec.validate(RuleKind.ROUTING, routing)).extracting(RuleError::toString).containsExactly(
                "routes[0].match.sourceCidrs: not supported on routing rules (consumers route before they pick"
                        + " an instance)",
                "routes[0].match.instances: not supported on routing rules (consumers route before they pick"
                        + " an instance)");
    }

    @Test
    void kindSpecificRulesAreEnforced() {
        assertThat(RuleCodec.validate(RuleKind.THROTTLING, "{\"limits\":[{\"side\":\"provider\",\"burst\":5}]}"))
                .extracting(RuleError::toString)
                .contains("limits[0].qps: a limit needs qps or maxConcurrent",
                        "limits[0].burst: only applies together with qps");
        assertThat(errorPaths(RuleKind.THROTTLING,
                "{\"limits\":[{\"side\":\"consumer\",\"qps\":5,\"scope\":\"cluster\"}]}"))
                .containsExactly("limits[0].scope");
        assertThat(errorPaths(RuleKind.THROTTLING, "{}")).containsExactly("limits");
        assertThat(RuleCodec.validate(RuleKind.FAULTS,
                "{\"faults\":[{\"side\":\"consumer\",\"abort\":{\"status\":\"OK\",\"percent\":10}}]}"))
                .extracting(RuleError::toString).containsExactly("faults[0].abort.status: an abort cannot have status OK");
        assertThat(errorPaths(RuleKind.FAULTS, "{\"faults\":[{\"side\":\"consumer\"}]}"))
                .containsExactly("faults[0].delay");
        assertThat(errorPaths(RuleKind.SECURITY,
                "{\"authentication\":{\"mode\":\"token\",\"tokens\":[{\"app\":\"web\",\"sha256\":\"XYZ\"}]}}"))
                .containsExactly("authentication.tokens[0].sha256");
        assertThat(errorPaths(RuleKind.SECURITY, "{\"authentication\":{\"mode\":\"token\"}}"))
                .containsExactly("authentication.tokens");
        assertThat(errorPaths(RuleKind.ROUTING,
                "{\"routes\":[{\"destinations\":[{\"weight\":0}]}]}")).containsExactly("routes[0].destinations");
    }

    @Test
    void malformedDocumentsGiveOneClearError() {
        assertThat(RuleCodec.validate(RuleKind.ROUTING, "{\"routes\": [")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("not valid JSON at line 1"));
        assertThat(RuleCodec.validate(RuleKind.ROUTING, "[1,2]")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must be a JSON object"));
        assertThat(RuleCodec.validate(RuleKind.ROUTING, "")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("empty"));
        assertThat(RuleCodec.validate(RuleKind.ROUTING, "{\"fallback\":\"all\",\"fallback\":\"fail\"}"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("Duplicate field"));
        assertThat(RuleCodec.validate(RuleKind.ROUTING, "{\"routes\":[]} trailing")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not valid JSON"));
    }

    @Test
    void cidrsMatchTheirNetworksOnly() throws Exception {
        Cidr net = Cidr.parse("10.1.0.0/16");
        assertThat(net.contains(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(net.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
    }

    /** The paths of the errors {@code json} has as a rule of {@code kind}. */
    private static List<String> errorPaths(RuleKind kind, String json) {
        return RuleCodec.validate(kind, json).stream().map(RuleError::path).toList();
    }
}
