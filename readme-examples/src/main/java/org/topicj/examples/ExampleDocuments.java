package org.topicj.examples;

import java.util.ArrayList;
import java.util.List;

/** A small corpus of support tickets for the examples: four themes, 30 tickets each. */
public final class ExampleDocuments {
    private static final String[][] THEMES = {
        {"printer", "toner", "paper jam", "print queue", "scanner"},
        {"password", "login", "account locked", "two-factor code", "reset link"},
        {"laptop", "battery", "screen", "keyboard", "does not boot"},
        {"invoice", "refund", "payment", "credit card", "billing address"},
    };

    private ExampleDocuments() {
    }

    /** @return 120 short tickets */
    public static List<String> tickets() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String[] t = THEMES[i % THEMES.length];
            out.add("Ticket " + i + ": problem with the " + t[i % t.length] + " and the " + t[(i / 4 + 1) % t.length]
                    + ", please help with my " + t[(i / 4 + 2) % t.length]);
        }
        return out;
    }
}
