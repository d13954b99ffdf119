/* The memory libyaml asks for, in the static dsjob: libyaml's api.o is linked
 * from a copy of libyaml.a whose malloc, realloc, free and strdup are renamed
 * to these (CMakeLists.txt). libyaml makes and frees several small blocks for
 * every token (its scanner's strings start at 16 bytes and double): glibc's
 * malloc, realloc and free were a sixth of a batch translate's instructions,
 * and here they are a free-list pop and push. Blocks up to 64 KiB (the
 * parser's 16 and 48 KiB input buffers too) come in thirteen power-of-two
 * size classes carved from slabs, a static 128 KiB one first (only the pages
 * used are touched, and there are no chunk headers past a block's end to
 * fault in), then 256 KiB ones, and are kept on per-class free lists for the
 * next ones; bigger blocks are the system's. The slabs are never given back:
 * what is kept is libyaml's peak of live blocks, which the input limits
 * bound. Single-threaded, as the static dsjob is. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* the renamed functions (no header: only libyaml's api.o calls them) */
void *dsj_yaml_malloc(size_t size);
void *dsj_yaml_realloc(void *p, size_t size);
void dsj_yaml_free(void *p);
char *dsj_yaml_strdup(const char *s);

#define HEADER 16  /* keeps payloads 16-byte aligned */
#define CLASSES 13 /* payloads of 16, 32, ... 65536 bytes */
#define SMALL_MAX ((size_t)16 << (CLASSES - 1))
#define SLAB ((size_t)256 << 10)
#define BIG CLASSES

struct header {
	size_t cls;  /* size class, or BIG */
	size_t size; /* payload size of a BIG block */
};

static void *free_list[CLASSES];
/* the first slab is static: a single small run touches only the pages it uses
 * (a malloc'd one also costs the page of the heap's next chunk header) */
static _Alignas(16) unsigned char first_slab[(size_t)128 << 10];
static unsigned char *slab_cur = first_slab, *slab_end = first_slab + sizeof(first_slab);

static size_t class_of(size_t size)
{
	size_t cls = 0;
	while (((size_t)16 << cls) < size)
		cls++;
	return cls;
}

static void *small_alloc(size_t cls)
{
	void *p = free_list[cls];
	if (p) {
		memcpy(&free_list[cls], p, sizeof(void *));
		return p;
	}
	size_t need = HEADER + ((size_t)16 << cls);
	if ((uintptr_t)slab_end - (uintptr_t)slab_cur < need) {
		unsigned char *slab = malloc(SLAB); /* the rest of the old one is left */
		if (!slab)
			return NULL;
		slab_cur = slab;
		slab_end = slab + SLAB;
	}
	struct header *h = (struct header *)(void *)slab_cur;
	slab_cur += need;
	h->cls = cls;
	return (unsigned char *)h + HEADER;
}

void *dsj_yaml_malloc(size_t size)
{
	if (size <= SMALL_MAX)
		return small_alloc(class_of(size));
	if (size > SIZE_MAX - HEADER)
		return NULL;
	struct header *h = malloc(HEADER + size);
	if (!h)
		return NULL;
	h->cls = BIG;
	h->size = size;
	return (unsigned char *)h + HEADER;
}

static struct header *header_of(void *p)
{
	return (struct header *)(void *)((unsigned char *)p - HEADER);
}

void dsj_yaml_free(void *p)
{
	if (!p)
		return;
	struct header *h = header_of(p);
	if (h->cls == BIG) {
		free(h);
		return;
	}
	memcpy(p, &free_list[h->cls], sizeof(void *));
	free_list[h->cls] = p;
}

void *dsj_yaml_realloc(void *p, size_t size)
{
	if (!p)
		return dsj_yaml_malloc(size);
	struct header *h = header_of(p);
	size_t have = h->cls == BIG ? h->size : (size_t)16 << h->cls;
	if (h->cls == BIG && size > SMALL_MAX) {
		if (size > SIZE_MAX - HEADER)
			return NULL;
		struct header *bigger = realloc(h, HEADER + size);
		if (!bigger)
			return NULL;
		bigger->size = size;
		return (unsigned char *)bigger + HEADER;
	}
	if (h->cls != BIG && size <= have)
		return p;
	void *q = dsj_yaml_malloc(size);
	if (!q)
		return NULL;
	memcpy(q, p, have < size ? have : size);
	dsj_yaml_free(p);
	return q;
}

char *dsj_yaml_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = dsj_yaml_malloc(n);
	return p ? memcpy(p, s, n) : NULL;
}
