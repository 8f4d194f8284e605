package io.mmulab.emulator.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The C types of an image, from {@code .debug_info}: structures and unions with their members'
 * offsets and sizes, enumerations with their enumerators, typedefs, base, pointer and array
 * types. Struct layouts are read from the image instead of copied into Java, so the Java side
 * follows the guest's C as it changes.
 *
 * <p>Members of anonymous structs and unions are flattened into the enclosing layout at their
 * absolute offsets, so a field is found by the name C code uses ({@code page->compound_head},
 * which sits in an anonymous struct inside an anonymous union). A type defined in several
 * units is taken from the first complete definition. Never throws: an image it cannot read
 * has an empty table and a warning.
 */
public final class TypeTable {

    /**
     * One field of a layout: its C name, offset from the start of the outermost struct, size, C
     * type. A bit-field has the byte its first bit is in and its declared type's size.
     */
    public record Field(String name, long offset, long size, String type) {
    }

    /** A struct or union with every field reachable by its C name (anonymous members flattened). */
    public record Layout(String name, long size, boolean union, List<Field> fields) {
        /** The field called {@code name}; {@code "a.b"} looks into named member {@code a}'s own fields. */
        public Optional<Field> field(String name) {
            for (Field f : fields) {
                if (f.name.equals(name)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    private static final TypeTable EMPTY = new TypeTable(Map.of(), Map.of(), Map.of(), Map.of(), 8, null);

    private final Map<Integer, Die> dies;
    /** "struct page", "union x", "enum pageflags", "atomic_t", "int" to the DIE of the first complete definition. */
    private final Map<String, Integer> byName;
    private final Map<String, Long> enumerators;
    private final Map<String, Map<String, Long>> enumerations;
    private final int addressSize;
    private final String warning;

    private TypeTable(Map<Integer, Die> dies, Map<String, Integer> byName, Map<String, Long> enumerators,
                      Map<String, Map<String, Long>> enumerations, int addressSize, String warning) {
        this.dies = dies;
        this.byName = byName;
        this.enumerators = enumerators;
        this.enumerations = enumerations;
        this.addressSize = addressSize;
        this.warning = warning;
    }

    /** The layout of {@code struct name} (or {@code union name}), flattened; empty when the image has none. */
    public Optional<Layout> struct(String name) {
        Integer d = byName.get("struct " + name);
        if (d == null) {
            d = byName.get("union " + name);
        }
        return d == null ? Optional.empty() : Optional.of(layout(d));
    }

    /** The layout of the struct or union a typedef (or any type name, e.g. {@code "atomic_t"}) stands for. */
    public Optional<Layout> structOfType(String typeName) {
        Integer d = byName.get(typeName);
        Integer s = d == null ? null : strip(d);
        if (s == null) {
            return Optional.empty();
        }
        Die die = dies.get(s);
        return die.tag == TAG_STRUCT || die.tag == TAG_UNION ? Optional.of(layout(s)) : Optional.empty();
    }

    /** The size of a named type ("struct page", "atomic_t", "unsigned long"); empty when unknown. */
    public OptionalLong sizeOf(String typeName) {
        Integer d = byName.get(typeName);
        long s = d == null ? -1 : size(d);
        return s < 0 ? OptionalLong.empty() : OptionalLong.of(s);
    }

    /** The value of an enumerator of any enumeration ({@code PG_head}, {@code PGTY_buddy}). */
    public OptionalLong enumerator(String name) {
        Long v = enumerators.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The enumerators of {@code enum name}, in declaration order; empty when the image has no such enum. */
    public Map<String, Long> enumeration(String name) {
        return enumerations.getOrDefault(name, Map.of());
    }

    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    public int typeCount() {
        return byName.size();
    }

    // ------------------------------------------------------------------------------ resolving

    private Layout layout(int die) {
        Die d = dies.get(die);
        List<Field> fields = new ArrayList<>();
        flatten(d, 0, "", 0, fields);
        return new Layout(d.name, d.size, d.tag == TAG_UNION, List.copyOf(fields));
    }

    /**
     * Adds {@code d}'s members at {@code base}: anonymous aggregates in place, named ones also as
     * "a.b" (a few levels deep: enough for a kernel struct, and no pointer is followed).
     */
    private void flatten(Die d, long base, String prefix, int depth, List<Field> out) {
        for (Die m : d.children) {
            if (m.tag != TAG_MEMBER) {
                continue;
            }
            long at = base + Math.max(0, m.location);
            Integer inner = m.type < 0 ? null : strip(m.type);
            Die innerDie = inner == null ? null : dies.get(inner);
            boolean aggregate = innerDie != null && (innerDie.tag == TAG_STRUCT || innerDie.tag == TAG_UNION);
            if (m.name == null) {
                if (aggregate) {
                    flatten(innerDie, at, prefix, depth, out);
                }
                continue;
            }
            out.add(new Field(prefix + m.name, at, m.type < 0 ? -1 : size(m.type), typeName(m.type)));
            if (aggregate && depth < 3) {
                flatten(innerDie, at, prefix + m.name + ".", depth + 1, out);
            }
        }
    }

    /** Follows typedefs and qualifiers to the type they stand for. */
    private Integer strip(int die) {
        Integer d = die;
        for (int hops = 0; d != null && hops < 16; hops++) {
            Die x = dies.get(d);
            if (x == null) {
                return null;
            }
            if (x.tag != TAG_TYPEDEF && x.tag != TAG_CONST && x.tag != TAG_VOLATILE && x.tag != TAG_RESTRICT
                    && x.tag != TAG_ATOMIC) {
                return d;
            }
            d = x.type < 0 ? null : x.type;
        }
        return null;
    }

    private long size(int die) {
        Integer s = strip(die);
        Die d = s == null ? null : dies.get(s);
        if (d == null) {
            return -1;
        }
        if (d.size >= 0) {
            return d.size;
        }
        if (d.tag == TAG_POINTER) {
            return addressSize;
        }
        if (d.tag == TAG_ARRAY && d.type >= 0) {
            long n = 1;
            for (Die c : d.children) {
                if (c.tag == TAG_SUBRANGE) {
                    n *= c.count >= 0 ? c.count : 0;
                }
            }
            long e = size(d.type);
            return e < 0 ? -1 : n * e;
        }
        return -1;
    }

    /** The C spelling of a type: {@code struct page *}, {@code atomic_t}, {@code unsigned long[4]}. */
    private String typeName(int die) {
        Die d = die < 0 ? null : dies.get(die);
        if (d == null) {
            return "void";
        }
        String n = d.name == null ? "<anonymous>" : d.name;
        return switch (d.tag) {
            case TAG_STRUCT -> "struct " + n;
            case TAG_UNION -> "union " + n;
            case TAG_ENUM -> "enum " + n;
            case TAG_POINTER -> typeName(d.type) + " *";
            case TAG_CONST -> "const " + typeName(d.type);
            case TAG_VOLATILE -> "volatile " + typeName(d.type);
            case TAG_ATOMIC -> "_Atomic " + typeName(d.type);
            case TAG_RESTRICT -> typeName(d.type);
            case TAG_ARRAY -> {
                StringBuilder b = new StringBuilder(typeName(d.type));
                for (Die c : d.children) {
                    if (c.tag == TAG_SUBRANGE) {
                        b.append('[').append(c.count >= 0 ? Long.toString(c.count) : "").append(']');
                    }
                }
                yield b.toString();
            }
            case TAG_SUBROUTINE -> "function";
            default -> n;
        };
    }

    // ------------------------------------------------------------------------------ reading

    private static final int TAG_ARRAY = 0x01;
    private static final int TAG_ENUM = 0x04;
    private static final int TAG_MEMBER = 0x0d;
    private static final int TAG_POINTER = 0x0f;
    private static final int TAG_STRUCT = 0x13;
    private static final int TAG_SUBROUTINE = 0x15;
    private static final int TAG_TYPEDEF = 0x16;
    private static final int TAG_UNION = 0x17;
    private static final int TAG_SUBRANGE = 0x21;
    private static final int TAG_BASE = 0x24;
    private static final int TAG_CONST = 0x26;
    private static final int TAG_ENUMERATOR = 0x28;
    private static final int TAG_VOLATILE = 0x35;
    private static final int TAG_RESTRICT = 0x37;
    private static final int TAG_ATOMIC = 0x47;

    private static final int AT_NAME = 0x03;
    private static final int AT_BYTE_SIZE = 0x0b;
    private static final int AT_CONST_VALUE = 0x1c;
    private static final int AT_UPPER_BOUND = 0x2f;
    private static final int AT_COUNT = 0x37;
    private static final int AT_DATA_MEMBER_LOCATION = 0x38;
    private static final int AT_DECLARATION = 0x3c;
    private static final int AT_TYPE = 0x49;
    private static final int AT_DATA_BIT_OFFSET = 0x6b;

    /**
     * A kept entry. {@code location}: a member's offset; {@code count}: a subrange's element count;
     * {@code value}: an enumerator's value. -1 where absent.
     */
    private static final class Die {
        final int tag;
        String name;
        long size = -1;
        int type = -1;
        long location = -1;
        long count = -1;
        long value;
        boolean declaration;
        final List<Die> children = new ArrayList<>(0);

        Die(int tag) {
            this.tag = tag;
        }
    }

    /** Reads the image's types; never throws. */
    static TypeTable read(ElfImage image) {
        try {
            byte[] info = DieWalker.section(image, ".debug_info");
            if (info == null) {
                return EMPTY;
            }
            Reader r = new Reader(info, DieWalker.section(image, ".debug_abbrev"),
                    DieWalker.section(image, ".debug_str"), DieWalker.section(image, ".debug_line_str"));
            r.walk();
            return new TypeTable(r.dies, r.byName, r.enumerators, r.enumerations, r.addressSize == 0 ? 8 : r.addressSize,
                    null);
        } catch (ImageFormatException | RuntimeException e) {
            return new TypeTable(Map.of(), Map.of(), Map.of(), Map.of(), 8,
                    image.path() + ": .debug_info types: " + e.getMessage());
        }
    }

    private static boolean kept(int tag) {
        return switch (tag) {
            case TAG_ARRAY, TAG_ENUM, TAG_MEMBER, TAG_POINTER, TAG_STRUCT, TAG_SUBROUTINE, TAG_TYPEDEF, TAG_UNION,
                 TAG_SUBRANGE, TAG_BASE, TAG_CONST, TAG_ENUMERATOR, TAG_VOLATILE, TAG_RESTRICT, TAG_ATOMIC -> true;
            default -> false;
        };
    }

    /** Keeps type entries and their members, subranges and enumerators, under their parents. */
    private static final class Reader extends DieWalker {
        final Map<Integer, Die> dies = new HashMap<>();
        final Map<String, Integer> byName = new HashMap<>();
        final Map<String, Long> enumerators = new HashMap<>();
        final Map<String, Map<String, Long>> enumerations = new HashMap<>();
        /** parents[d]: the kept type entry whose children are at depth d (null: not inside one). */
        Die[] parents = new Die[16];
        String[] parentNames = new String[16];

        Reader(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr) {
            super(info, abbrev, str, lineStr);
        }

        @Override
        void entry(int die, int tag, boolean children, int[][] a, int depth) {
            if (depth + 2 >= parents.length) {
                parents = java.util.Arrays.copyOf(parents, parents.length * 2);
                parentNames = java.util.Arrays.copyOf(parentNames, parentNames.length * 2);
            }
            Die parent = depth == 0 ? null : parents[depth];
            if (!kept(tag)) {
                skipAttributes(a);
                parents[depth + 1] = null;
                return;
            }
            Die d = new Die(tag);
            long upper = -1;
            for (int i = 1; i < a.length; i++) {
                int form = a[i][1];
                switch (a[i][0]) {
                    case AT_NAME -> d.name = string(form);
                    case AT_BYTE_SIZE -> d.size = value(form, a[i][2]);
                    case AT_TYPE -> d.type = reference(form);
                    case AT_DATA_MEMBER_LOCATION -> d.location = constantOrPlusUconst(form, a[i][2]);
                    case AT_DATA_BIT_OFFSET -> d.location = value(form, a[i][2]) / 8;   // a bit-field: its byte
                    case AT_CONST_VALUE -> d.value = value(form, a[i][2]);
                    case AT_UPPER_BOUND -> upper = value(form, a[i][2]);
                    case AT_COUNT -> d.count = value(form, a[i][2]);
                    case AT_DECLARATION -> d.declaration = value(form, a[i][2]) != 0;
                    default -> value(form, a[i][2]);
                }
            }
            if (tag == TAG_SUBRANGE && d.count < 0 && upper >= 0) {
                d.count = upper + 1;
            }
            if (tag == TAG_MEMBER && parent != null && parent.tag == TAG_UNION && d.location < 0) {
                d.location = 0;   // union members carry no location
            }
            dies.put(die, d);
            if (parent != null) {
                parent.children.add(d);
            }
            if (tag == TAG_ENUMERATOR && d.name != null) {
                enumerators.putIfAbsent(d.name, d.value);
                String e = parentNames[depth];
                if (e != null) {
                    enumerations.computeIfAbsent(e, k -> new LinkedHashMap<>()).putIfAbsent(d.name, d.value);
                }
            }
            String key = key(d);
            if (key != null && !d.declaration) {
                byName.putIfAbsent(key, die);
            }
            parents[depth + 1] = children ? d : null;
            parentNames[depth + 1] = tag == TAG_ENUM ? d.name : null;
        }

        private static String key(Die d) {
            if (d.name == null) {
                return null;
            }
            return switch (d.tag) {
                case TAG_STRUCT -> "struct " + d.name;
                case TAG_UNION -> "union " + d.name;
                case TAG_ENUM -> "enum " + d.name;
                case TAG_TYPEDEF, TAG_BASE -> d.name;
                default -> null;
            };
        }
    }
}
