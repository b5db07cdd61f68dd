package io.weft.console;

import io.weft.rule.Rule;
import io.weft.rule.RuleKind;
import io.weft.rule.SecurityRule;
import io.weft.rules.RuleCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Valid rules that probably do not do what their author thinks, as sentences for the API's
 * {@code warnings} array and the UI. Today: a security rule that allows or denies by
 * {@code consumerApps} while {@code authentication.mode} is {@code none} (or absent), where the
 * {@code :app} claim is trusted as sent and any consumer can forge it (DESIGN §6).
 */
final class RuleWarnings {
    private RuleWarnings() {
    }

    /** The warnings for {@code json} of {@code kind}; none when it does not parse (errors say why). */
    static List<String> of(RuleKind kind, String json) {
        if (kind != RuleKind.SECURITY || json == null) {
            return List.of();
        }
        Rule rule;
        try {
            rule = RuleCodec.parse(kind, json);
        } catch (RuntimeException e) {
            return List.of();
        }
        return rule instanceof SecurityRule security ? of(security) : List.of();
    }

    static List<String> of(SecurityRule rule) {
        SecurityRule.Authentication auth = rule.authentication();
        if (auth != null && auth.mode() != SecurityRule.AuthMode.NONE) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < rule.rules().size(); i++) {
            SecurityRule.AccessRule r = rule.rules().get(i);
            if (!r.match().consumerApps().isEmpty()) {
                warnings.add("rules[" + i + "] " + r.action().name().toLowerCase(Locale.ROOT)
                        + "s by consumerApps " + r.match().consumerApps() + " but authentication.mode is none: "
                        + "the caller's :app claim is not verified and any consumer can forge it; "
                        + "set authentication.mode to token or mtls");
            }
        }
        return warnings;
    }
}
