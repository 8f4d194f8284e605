// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsnprintf: the subset of printf formats the kernel uses (see
 * <linux/printk.h>). Always NUL-terminates when size > 0 and returns the
 * length the full output would have had.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/printk.h>

#define F_LEFT	0x01	/* '-' */
#define F_ZERO	0x02	/* '0' */
#define F_PLUS	0x04	/* '+' */
#define F_SPACE	0x08	/* ' ' */
#define F_ALT	0x10	/* '#' */
#define F_UPPER	0x20
#define F_PTR	0x40	/* %p: always 0x-prefixed */

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void emit_number(struct out *o, unsigned long long v, bool negative,
			unsigned int base, int flags, int width, int precision)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, prefix_len = 0, zeros, total;
	char sign = 0;
	const char *prefix = "";

	if (negative)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';

	if ((flags & F_ALT) && (v || (flags & F_PTR))) {
		if (base == 16)
			prefix = (flags & F_UPPER) ? "0X" : "0x";
		else if (base == 8)
			prefix = "0";
	}
	prefix_len = strlen(prefix);

	if (v == 0 && precision != 0)
		tmp[n++] = '0';
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}

	zeros = precision > n ? precision - n : 0;
	total = (sign ? 1 : 0) + prefix_len + zeros + n;
	if ((flags & F_ZERO) && !(flags & F_LEFT) && precision < 0 && width > total) {
		zeros += width - total;
		total = width;
	}
	if (!(flags & F_LEFT))
		pad(o, ' ', width - total);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		pad(o, ' ', width - total);
}

static void emit_string(struct out *o, const char *s, int flags, int width, int precision)
{
	int n;

	if (!s)
		s = "(null)";
	n = strnlen(s, precision < 0 ? (size_t)-1 : (size_t)precision);
	if (!(flags & F_LEFT))
		pad(o, ' ', width - n);
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		pad(o, ' ', width - n);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, precision = -1, lng = 0;
		unsigned long long uv;
		long long sv;
		unsigned int base;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;

		for (;; fmt++) {
			if (*fmt == '-')
				flags |= F_LEFT;
			else if (*fmt == '0')
				flags |= F_ZERO;
			else if (*fmt == '+')
				flags |= F_PLUS;
			else if (*fmt == ' ')
				flags |= F_SPACE;
			else if (*fmt == '#')
				flags |= F_ALT;
			else
				break;
		}

		if (*fmt == '*') {
			width = va_arg(args, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9') {
				width = (width < 0 ? 0 : width * 10) + (*fmt - '0');
				fmt++;
			}
		}

		if (*fmt == '.') {
			fmt++;
			precision = 0;
			if (*fmt == '*') {
				precision = va_arg(args, int);
				if (precision < 0)
					precision = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					precision = precision * 10 + (*fmt++ - '0');
			}
		}

		/* length: lng = -2 hh, -1 h, 0 int, 1 l, 2 ll, 3 z */
		if (*fmt == 'h') {
			lng = -1;
			if (*++fmt == 'h') {
				lng = -2;
				fmt++;
			}
		} else if (*fmt == 'l') {
			lng = 1;
			if (*++fmt == 'l') {
				lng = 2;
				fmt++;
			}
		} else if (*fmt == 'z') {
			lng = 3;
			fmt++;
		}

		switch (*fmt) {
		case '%':
			put(&o, '%');
			continue;
		case 'c': {
			char c = (char)va_arg(args, int);

			if (!(flags & F_LEFT))
				pad(&o, ' ', width - 1);
			put(&o, c);
			if (flags & F_LEFT)
				pad(&o, ' ', width - 1);
			continue;
		}
		case 's':
			emit_string(&o, va_arg(args, const char *), flags, width, precision);
			continue;
		case 'p':
			uv = (unsigned long)va_arg(args, void *);
			emit_number(&o, uv, false, 16, flags | F_ALT | F_PTR, width, precision);
			continue;
		case 'd':
		case 'i':
			switch (lng) {
			case -2: sv = (signed char)va_arg(args, int); break;
			case -1: sv = (short)va_arg(args, int); break;
			case 0: sv = va_arg(args, int); break;
			case 1: sv = va_arg(args, long); break;
			case 3: sv = va_arg(args, long); break;
			default: sv = va_arg(args, long long); break;
			}
			uv = sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv;
			emit_number(&o, uv, sv < 0, 10, flags, width, precision);
			continue;
		case 'u':
			base = 10;
			break;
		case 'x':
			base = 16;
			break;
		case 'X':
			base = 16;
			flags |= F_UPPER;
			break;
		case 'o':
			base = 8;
			break;
		case '\0':
			fmt--;
			continue;
		default:
			/* unknown conversion: print it as is */
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}

		switch (lng) {
		case -2: uv = (unsigned char)va_arg(args, unsigned int); break;
		case -1: uv = (unsigned short)va_arg(args, unsigned int); break;
		case 0: uv = va_arg(args, unsigned int); break;
		case 1: uv = va_arg(args, unsigned long); break;
		case 3: uv = va_arg(args, size_t); break;
		default: uv = va_arg(args, unsigned long long); break;
		}
		emit_number(&o, uv, false, base, flags & ~(F_PLUS | F_SPACE), width, precision);
	}

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return r;
}
