/* Prints the version of the libunicorn at argv[1] as MAJOR.MINOR.PATCH.
 * uc_version() packs major/minor/patch/extra into one word (8 bits each). */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	unsigned int (*uc_version)(unsigned int *, unsigned int *) =
		(unsigned int (*)(unsigned int *, unsigned int *))dlsym(lib, "uc_version");
	if (!uc_version) {
		fprintf(stderr, "%s has no uc_version\n", argv[1]);
		return 1;
	}
	unsigned int v = uc_version(NULL, NULL);
	printf("%u.%u.%u\n", (v >> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff);
	return 0;
}
