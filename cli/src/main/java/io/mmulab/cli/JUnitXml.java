package io.mmulab.cli;

import java.util.List;
import java.util.Locale;

/**
 * The JUnit XML report CI systems read (Jenkins, GitLab, GitHub test reporters): one
 * {@code <testsuite>} for the suite, one {@code <testcase>} per entry, a {@code <failure>} where
 * the expectation did not hold. No timestamps or host names: the same results give the same file.
 */
final class JUnitXml {
    private JUnitXml() {
    }

    static String render(String suiteName, List<SuiteRunner.Result> results) {
        long failures = results.stream().filter(r -> !r.passed()).count();
        double total = results.stream().mapToDouble(SuiteRunner.Result::seconds).sum();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<testsuites name=\"mmulab\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">%n",
                results.size(), failures, total));
        b.append(String.format(Locale.ROOT,
                "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                esc(suiteName), results.size(), failures, total));
        for (SuiteRunner.Result r : results) {
            Suite.Entry e = r.entry();
            String name = e.title() + " expect " + e.expect();
            b.append(String.format(Locale.ROOT, "    <testcase classname=\"mmulab.%s\" name=\"%s\" time=\"%.3f\"",
                    esc(e.imageName()), esc(name), r.seconds()));
            StringBuilder out = new StringBuilder(r.outcome());
            if (r.firstFailure() != null) {
                out.append('\n').append(r.firstFailure().message()).append("\ntrace: ").append(r.firstFailure().trace());
                if (r.diagram() != null) {
                    out.append("\ndiagram: ").append(r.diagram());
                }
            }
            if (r.passed()) {
                b.append(">\n");
            } else {
                b.append(">\n      <failure type=\"expectation\" message=\"")
                        .append(esc("expected " + e.expect() + ", got " + r.outcome())).append("\">")
                        .append(esc(out.toString())).append("</failure>\n");
            }
            b.append("      <system-out>").append(esc(out.toString())).append("</system-out>\n");
            b.append("    </testcase>\n");
        }
        b.append("  </testsuite>\n</testsuites>\n");
        return b.toString();
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 cannot carry most control characters at all
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
