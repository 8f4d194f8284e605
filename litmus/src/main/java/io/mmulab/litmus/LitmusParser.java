// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a herd-format litmus test (X86_64 in AT&amp;T syntax, or AArch64):
 * <pre>
 *   ARCH NAME
 *   "optional description"           key=value lines
 *   { init: 0:X1=x; int y=2; uint64_t z; [w]=1; }
 *    P0           | P1           ;   thread columns, one row per line, each ending with ';'
 *    MOV W0,#1    | LDR W2,[X1]  ;
 *   locations [1:X6; x;]             optional: more terms to show in every state
 *   exists (1:X2=1 /\ ~(x=0 \/ 0:X0=2))     or ~exists, forall
 * </pre>
 * Comments are {@code (* ... *)}. Errors name file:line:column and what was expected there;
 * what is well formed but not supported throws {@link UnsupportedLitmusException}.
 */
public final class LitmusParser {
    /** Most threads a test may have: one vCPU each. */
    public static final int MAX_THREADS = 8;

    private static final Set<String> OTHER_ARCHES = Set.of("PPC", "ARM", "AArch32", "MIPS", "RISCV", "X86", "C",
            "LISA", "CPP", "BPF", "LINUX", "OpenCL", "GPU_PTX", "PTX", "JAVA", "ASL");

    private final Source src;
    private final Map<String, LocationDraft> locations = new LinkedHashMap<>();
    private Arch arch;

    private LitmusParser(Source src) {
        this.src = src;
    }

    /** Reads and parses {@code file}. */
    public static LitmusTest parse(Path file) throws LitmusException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LitmusException(file, null, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Parses {@code text}; {@code file} is only used in messages. */
    public static LitmusTest parse(Path file, String text) throws LitmusException {
        return new LitmusParser(Source.of(file, text)).parse();
    }

    /** A location while parsing: its width is settled by the first typed declaration. */
    private static final class LocationDraft {
        final String name;
        int width = LocationTypes.DEFAULT_WIDTH;
        boolean typed;
        Value initial = new Value.Num(0);
        int initialOffset = -1;

        LocationDraft(String name) {
            this.name = name;
        }
    }

    private LitmusTest parse() throws LitmusException {
        int line = firstNonBlankLine(1);
        if (line < 0) {
            throw src.error(0, "expected a litmus test (ARCH NAME on the first line), found an empty file");
        }
        String name = header(line);
        Map<String, String> info = new LinkedHashMap<>();
        int open = preamble(line + 1, info);

        List<RegisterInit> inits = new ArrayList<>();
        int afterInit = initBlock(open, inits);

        List<List<CodeLine>> threads = new ArrayList<>();
        int tail = code(afterInit, threads);
        new CodeScanner(src, arch).scan(threads, this::mentionLocation);

        List<Term> observed = new ArrayList<>();
        Condition condition = condition(tail, threads.size(), observed);

        for (RegisterInit r : inits) {
            if (r.thread() >= threads.size()) {
                throw new LitmusSyntaxException(src.file, r.pos(), "thread " + r.thread() + " does not exist (the test has "
                        + threads.size() + " thread" + (threads.size() == 1 ? "" : "s") + ")");
            }
        }
        List<Location> locs = new ArrayList<>();
        for (LocationDraft d : locations.values()) {
            locs.add(new Location(d.name, d.width, initialValue(d)));
        }
        return new LitmusTest(src.file, arch, name, info, List.copyOf(locs), List.copyOf(inits), List.copyOf(threads),
                List.copyOf(observed), condition);
    }

    /** Locations holding the address of another location are resolved at layout time; here only numbers. */
    private long initialValue(LocationDraft d) throws LitmusException {
        if (d.initial instanceof Value.Num n) {
            return n.value();
        }
        throw src.unsupported(d.initialOffset, "location " + d.name + " initialised with the address of "
                + ((Value.Addr) d.initial).location() + " (pointers in memory)");
    }

    private int firstNonBlankLine(int from) {
        for (int l = from; l <= src.lineCount(); l++) {
            if (!src.line(l).isBlank()) {
                return l;
            }
        }
        return -1;
    }

    // --- ARCH NAME ------------------------------------------------------------------------

    private String header(int line) throws LitmusException {
        String text = src.line(line);
        int start = src.lineStart(line);
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int archStart = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        String archWord = text.substring(archStart, i);
        switch (archWord) {
            case "X86_64" -> arch = Arch.X86_64;
            case "AArch64" -> arch = Arch.ARM64;
            default -> {
                if (OTHER_ARCHES.contains(archWord)) {
                    throw src.unsupported(start + archStart, "architecture " + archWord
                            + " (mmulab runs X86_64 and AArch64 litmus tests)");
                }
                String found = "found '" + archWord + "'";
                if (archWord.contains("/") && text.strip().equals(archWord) && firstNonBlankLine(line + 1) < 0) {
                    // A symbolic link checked out as a plain file holds just the target's path.
                    found = "but the file holds only a path, '" + archWord + "' (a symbolic link stored as a file?)";
                }
                throw src.error(start + archStart, "expected an architecture name (X86_64 or AArch64) at the start of the"
                        + " test, " + found);
            }
        }
        String name = text.substring(i).trim();
        if (name.isEmpty()) {
            throw src.error(start + i, "expected the test name after " + archWord);
        }
        return name;
    }

    /** The lines between the name and the init block; returns the offset of its '{'. */
    private int preamble(int line, Map<String, String> info) throws LitmusException {
        for (int l = line; l <= src.lineCount(); l++) {
            String text = src.line(l);
            String t = text.strip();
            int start = src.lineStart(l) + (text.length() - text.stripLeading().length());
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("{")) {
                return start;
            }
            if (t.startsWith("\"")) {
                int close = src.text.indexOf('"', start + 1);
                if (close < 0) {
                    throw src.error(start, "expected '\"' to close this description");
                }
                l = src.pos(close).line();
                String rest = src.line(l).substring(src.pos(close).column());
                if (!rest.isBlank()) {
                    throw src.error(close + 1, "expected the end of the line after the description");
                }
                continue;
            }
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                info.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
                continue;
            }
            throw src.error(start, "expected '{' to open the initial state (or a key=value line before it), found '"
                    + abbreviate(t) + "'");
        }
        throw src.error(src.endOffset(), "expected '{' to open the initial state, found the end of the file");
    }

    // --- { init } ----------------------------------------------------------------------------

    /** Parses the block whose '{' is at {@code open}; returns the offset just after its '}'. */
    private int initBlock(int open, List<RegisterInit> inits) throws LitmusException {
        Tokens tk = new Tokens(src, open, src.text.length());
        tk.expect("{", "'{'");
        while (true) {
            Tokens.Token t = tk.peek();
            if (t.is("}")) {
                tk.next();
                return tk.offset();
            }
            if (t.is(";")) {
                tk.next();
                continue;
            }
            if (t.kind() == Tokens.Kind.END) {
                throw src.error(t.offset(), "expected '}' to close the initial state, found the end of the file");
            }
            initStatement(tk, inits);
            Tokens.Token sep = tk.peek();
            if (!sep.is(";") && !sep.is("}")) {
                throw src.error(sep.offset(), "expected ';' or '}' after an initial value, found " + sep.show());
            }
        }
    }

    /** {@code [type] N:REG = value}, {@code [type] loc [= value]}, {@code [type] [loc] = value}. */
    private void initStatement(Tokens tk, List<RegisterInit> inits) throws LitmusException {
        List<Tokens.Token> typeWords = new ArrayList<>();
        // Identifiers followed by another identifier are type words (unsigned long x = ...).
        while (tk.peek().kind() == Tokens.Kind.IDENT) {
            Tokens.Token w = tk.next();
            Tokens.Token after = tk.peek();
            if (after.kind() == Tokens.Kind.IDENT || after.is("*")) {
                typeWords.add(w);
                if (after.is("*")) {
                    throw src.unsupported(after.offset(), "pointer type '" + join(typeWords) + " *' in the initial state");
                }
                continue;
            }
            location(tk, w, typeWords);
            return;
        }
        Tokens.Token t = tk.next();
        if (t.kind() == Tokens.Kind.NUMBER) {
            register(tk, t, inits);
            return;
        }
        if (t.is("[")) {
            Tokens.Token n = tk.next();
            if (n.kind() != Tokens.Kind.IDENT) {
                throw src.error(n.offset(), "expected a location name after '[', found " + n.show());
            }
            tk.expect("]", "']' after [" + n.text());
            location(tk, n, typeWords);
            return;
        }
        throw src.error(t.offset(), "expected an initial value (0:X1=x, x=1 or int x=1), found " + t.show());
    }

    private void register(Tokens tk, Tokens.Token threadTok, List<RegisterInit> inits) throws LitmusException {
        int thread = threadNumber(threadTok);
        tk.expect(":", "':' after the thread number " + threadTok.text());
        Tokens.Token r = tk.next();
        Register reg = register(r);
        tk.expect("=", "'=' after " + thread + ":" + r.text());
        Value v = value(tk);
        if (v instanceof Value.Addr a) {
            mentionLocation(a.location(), -1);
        }
        for (RegisterInit old : inits) {
            if (old.thread() == thread && old.register().slot() == reg.slot()) {
                throw src.error(threadTok.offset(), thread + ":" + reg.name() + " is initialised twice");
            }
        }
        inits.add(new RegisterInit(thread, reg, v, src.pos(threadTok.offset())));
    }

    private void location(Tokens tk, Tokens.Token nameTok, List<Tokens.Token> typeWords) throws LitmusException {
        String name = nameTok.text();
        if (Registers.resolve(arch, name).isPresent() && arch == Arch.ARM64) {
            throw src.error(nameTok.offset(), "expected a thread number before register " + name + " (as in 0:" + name + ")");
        }
        LocationDraft d = mentionLocation(name, nameTok.offset());
        if (!typeWords.isEmpty()) {
            String type = join(typeWords);
            int w = LocationTypes.width(type);
            if (w < 0) {
                throw src.unsupported(typeWords.get(0).offset(), "type '" + type + "' of location " + name);
            }
            if (w != 4 && w != 8) {
                throw src.unsupported(typeWords.get(0).offset(), "location " + name + " of type " + type + " ("
                        + w + " byte" + (w == 1 ? "" : "s") + "; mmulab runs 4- and 8-byte locations)");
            }
            if (d.typed && d.width != w) {
                throw src.error(typeWords.get(0).offset(), "location " + name + " is declared with two widths");
            }
            d.width = w;
            d.typed = true;
        }
        if (tk.peek().is("=")) {
            tk.next();
            int at = tk.peek().offset();
            d.initial = value(tk);
            d.initialOffset = at;
        }
    }

    private Value value(Tokens tk) throws LitmusException {
        Tokens.Token t = tk.next();
        boolean negative = false;
        if (t.is("-")) {
            negative = true;
            t = tk.next();
        }
        if (t.kind() == Tokens.Kind.NUMBER) {
            long v = Tokens.value(src, t);
            return new Value.Num(negative ? -v : v);
        }
        if (!negative && t.is("&")) {
            t = tk.next();
            if (t.kind() != Tokens.Kind.IDENT) {
                throw src.error(t.offset(), "expected a location name after '&', found " + t.show());
            }
        }
        if (!negative && t.kind() == Tokens.Kind.IDENT) {
            if (Registers.resolve(arch, t.text()).isPresent()) {
                throw src.unsupported(t.offset(), "a register (" + t.text() + ") as a value");
            }
            return new Value.Addr(t.text());
        }
        throw src.error(t.offset(), "expected a number or a location name, found " + t.show());
    }

    private int threadNumber(Tokens.Token t) throws LitmusException {
        long n = Tokens.value(src, t);
        if (n < 0 || n >= MAX_THREADS) {
            throw src.unsupported(t.offset(), "thread " + t.text() + " (mmulab runs at most " + MAX_THREADS + " threads)");
        }
        return (int) n;
    }

    private Register register(Tokens.Token t) throws LitmusException {
        if (t.kind() != Tokens.Kind.IDENT) {
            throw src.error(t.offset(), "expected " + Registers.describe(arch) + ", found " + t.show());
        }
        return Registers.resolve(arch, t.text()).orElseThrow(() ->
                src.error(t.offset(), "expected " + Registers.describe(arch) + ", found '" + t.text() + "'"));
    }

    /** Records a location where it is first mentioned (its order is its place in memory). */
    private LocationDraft mentionLocation(String name, int offset) {
        return locations.computeIfAbsent(name, LocationDraft::new);
    }

    // --- thread columns ------------------------------------------------------------------------

    /** Parses the header row and the code rows from {@code from}; returns the offset where the tail starts. */
    private int code(int from, List<List<CodeLine>> threads) throws LitmusException {
        Pos p = src.pos(from);
        int line = p.line();
        String first = src.line(line).substring(p.column() - 1);
        int headerLine;
        int headerStart;
        if (!first.isBlank()) {
            headerLine = line;
            headerStart = from;
        } else {
            headerLine = firstNonBlankLine(line + 1);
            if (headerLine < 0) {
                throw src.error(src.endOffset(), "expected the thread header (P0 | P1 ... ;), found the end of the file");
            }
            headerStart = src.lineStart(headerLine);
        }
        List<Cell> header = row(headerStart, src.lineStart(headerLine) + src.line(headerLine).length(), -1);
        for (int i = 0; i < header.size(); i++) {
            Cell c = header.get(i);
            if (!c.text.equals("P" + i)) {
                throw src.error(c.offset, "expected the thread name P" + i + ", found '" + abbreviate(c.text) + "'");
            }
            threads.add(new ArrayList<>());
        }
        if (header.size() > MAX_THREADS) {
            throw src.unsupported(header.get(MAX_THREADS).offset, header.size() + " threads (mmulab runs at most "
                    + MAX_THREADS + ", one vCPU each)");
        }
        for (int l = headerLine + 1; l <= src.lineCount(); l++) {
            String text = src.line(l);
            String t = text.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (startsTail(t)) {
                return src.lineStart(l) + (text.length() - text.stripLeading().length());
            }
            int start = src.lineStart(l);
            List<Cell> cells = row(start, start + text.length(), header.size());
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                if (!c.text.isEmpty()) {
                    threads.get(i).add(new CodeLine(c.text, src.pos(c.offset)));
                }
            }
        }
        throw src.error(src.endOffset(), "expected the final condition (exists, ~exists or forall), found the end of the file");
    }

    private static boolean startsTail(String t) {
        return t.startsWith("exists") || t.startsWith("~") || t.startsWith("forall") || t.startsWith("locations")
                || t.startsWith("filter") || t.startsWith("cases") || t.startsWith("observed");
    }

    private record Cell(String text, int offset) {
    }

    /** Splits {@code [start, end)} at '|'; it must end with ';'. {@code expected} columns, or any when -1. */
    private List<Cell> row(int start, int end, int expected) throws LitmusException {
        String text = src.text.substring(start, end);
        int semi = text.lastIndexOf(';');
        if (semi < 0 || !text.substring(semi + 1).isBlank()) {
            int at = start + text.stripTrailing().length();
            throw src.error(at, "expected ';' at the end of the row" + (text.contains("|") ? "" :
                    " (thread columns are separated by '|' and the row ends with ';')"));
        }
        List<Cell> cells = new ArrayList<>();
        int cellStart = 0;
        for (int i = 0; i <= semi; i++) {
            if (i == semi || text.charAt(i) == '|') {
                String raw = text.substring(cellStart, i);
                int lead = raw.length() - raw.stripLeading().length();
                cells.add(new Cell(raw.strip(), start + cellStart + (raw.isBlank() ? 0 : lead)));
                cellStart = i + 1;
            }
        }
        if (expected >= 0 && cells.size() != expected) {
            throw src.error(start + (cells.size() > expected ? text.indexOf('|', cells.get(expected - 1).offset - start) : semi),
                    "expected " + expected + " column" + (expected == 1 ? "" : "s") + " separated by '|', found "
                            + cells.size());
        }
        return cells;
    }

    // --- locations [...] and the condition --------------------------------------------------

    private Condition condition(int from, int threads, List<Term> observed) throws LitmusException {
        Tokens tk = new Tokens(src, from, src.text.length());
        Tokens.Token t = tk.peek();
        if (t.isWord("locations")) {
            tk.next();
            tk.expect("[", "'[' after locations");
            while (!tk.peek().is("]")) {
                if (tk.peek().is(";")) {
                    tk.next();
                    continue;
                }
                if (tk.peek().kind() == Tokens.Kind.END) {
                    throw src.error(tk.peek().offset(), "expected ']' to close the locations list, found the end of the file");
                }
                observed.add(term(tk, threads));
            }
            tk.next();
            t = tk.peek();
        }
        if (t.isWord("filter")) {
            throw src.unsupported(t.offset(), "filter clause");
        }
        if (t.isWord("cases") || t.isWord("observed")) {
            throw src.unsupported(t.offset(), "'" + t.text() + "' condition (mmulab runs exists, ~exists and forall)");
        }
        Condition.Quantifier q;
        tk.next();
        if (t.isWord("exists")) {
            q = Condition.Quantifier.EXISTS;
        } else if (t.isWord("forall")) {
            q = Condition.Quantifier.FORALL;
        } else if (t.is("~") && tk.peek().isWord("exists")) {
            tk.next();
            q = Condition.Quantifier.NOT_EXISTS;
        } else {
            throw src.error(t.offset(), "expected exists, ~exists or forall, found " + t.show());
        }
        Prop prop = or(tk, threads);
        if (tk.peek().is(";")) {
            tk.next();
        }
        Tokens.Token end = tk.peek();
        if (end.kind() != Tokens.Kind.END) {
            throw src.error(end.offset(), "expected /\\, \\/ or the end of the condition, found " + end.show());
        }
        return new Condition(q, prop);
    }

    private Prop or(Tokens tk, int threads) throws LitmusException {
        Prop left = and(tk, threads);
        while (tk.peek().is("\\/")) {
            tk.next();
            left = new Prop.Or(left, and(tk, threads));
        }
        return left;
    }

    private Prop and(Tokens tk, int threads) throws LitmusException {
        Prop left = unary(tk, threads);
        while (tk.peek().is("/\\")) {
            tk.next();
            left = new Prop.And(left, unary(tk, threads));
        }
        return left;
    }

    private Prop unary(Tokens tk, int threads) throws LitmusException {
        Tokens.Token t = tk.peek();
        if (t.is("~")) {
            tk.next();
            return new Prop.Not(unary(tk, threads));
        }
        if (t.is("(")) {
            tk.next();
            Prop p = or(tk, threads);
            Tokens.Token close = tk.next();
            if (!close.is(")")) {
                throw src.error(close.offset(), "expected ')' or a connective (/\\, \\/), found " + close.show());
            }
            return p;
        }
        if (t.isWord("true") || t.isWord("false")) {
            tk.next();
            return new Prop.Const(t.text().equals("true"));
        }
        Term term = term(tk, threads);
        Tokens.Token eq = tk.next();
        if (!eq.is("=")) {
            throw src.error(eq.offset(), "expected '=' after " + term + ", found " + eq.show());
        }
        Value v = value(tk);
        if (v instanceof Value.Addr a) {
            mentionLocation(a.location(), -1);
        }
        return new Prop.Eq(term, v);
    }

    /** {@code N:REG}, {@code x} or {@code [x]}. */
    private Term term(Tokens tk, int threads) throws LitmusException {
        Tokens.Token t = tk.next();
        if (t.kind() == Tokens.Kind.NUMBER) {
            int thread = threadNumber(t);
            if (thread >= threads) {
                throw src.error(t.offset(), "thread " + thread + " does not exist (the test has " + threads + " thread"
                        + (threads == 1 ? "" : "s") + ")");
            }
            tk.expect(":", "':' after the thread number " + t.text());
            return new Term.Reg(thread, register(tk.next()));
        }
        if (t.is("[")) {
            Tokens.Token n = tk.next();
            if (n.kind() != Tokens.Kind.IDENT) {
                throw src.error(n.offset(), "expected a location name after '[', found " + n.show());
            }
            tk.expect("]", "']' after [" + n.text());
            mentionLocation(n.text(), n.offset());
            return new Term.Mem(n.text());
        }
        if (t.kind() == Tokens.Kind.IDENT) {
            mentionLocation(t.text(), t.offset());
            return new Term.Mem(t.text());
        }
        throw src.error(t.offset(), "expected a register (0:" + (arch == Arch.X86_64 ? "rax" : "X0")
                + "), a location (x or [x]) or '(', found " + t.show());
    }

    // --- helpers ------------------------------------------------------------------------

    private static String join(List<Tokens.Token> words) {
        StringBuilder b = new StringBuilder();
        for (Tokens.Token w : words) {
            b.append(b.isEmpty() ? "" : " ").append(w.text());
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
