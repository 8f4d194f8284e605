package io.mmulab.kernel;

/**
 * A folio as seen from its head page: order and page count from the first tail page (for a
 * large folio, PG_head set), pin count. A small folio is a single page of order 0.
 *
 * @param pincount {@code _pincount} of a large folio (Linux keeps small folios' pins in the refcount)
 */
public record FolioView(StructPageView head, int order, long nrPages, int pincount, boolean large) {

    /**
     * Decodes the folio whose head page is {@code head}, with the bytes of the struct pages from
     * the head on ({@code layout.folio().size()} of them when large, at {@code bytes[off]}).
     */
    public static FolioView decode(KernelLayout layout, StructPageView head, byte[] bytes, int off) {
        if (!head.has("head") || bytes.length - off < layout.folio().size()) {
            return new FolioView(head, 0, 1, 0, false);
        }
        FolioLayout f = layout.folio();
        int order = (int) (KernelLayout.le(bytes, off + (int) f.flags1(), 8) & 0xff);
        long nr = KernelLayout.le(bytes, off + (int) f.nrPages(), 4);
        int pins = (int) KernelLayout.le(bytes, off + (int) f.pincount(), 4);
        return new FolioView(head, order, nr, pins, true);
    }
}
