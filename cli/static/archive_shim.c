/* Linked into the dsjob CLI only when its dependencies come from static
 * archives (DSJ_STATIC_CLI). In libarchive.a (3.6) the zip writer's one helper,
 * __archive_write_entry_filetype_unsupported, lives in the member that also
 * holds the table of every writer by format code; pulling that member pulls the
 * xar writer, hence libxml2.a, hence ICU and libstdc++ (tens of MB, never run:
 * dsjob only writes zip and reads tar/zip). Defining the helper here keeps that
 * member out. Same contract as libarchive's: say why the entry cannot be
 * written; the caller returns ARCHIVE_FAILED. */
#include <errno.h>

#include <archive.h>
#include <archive_entry.h>

void __archive_write_entry_filetype_unsupported(struct archive *a, struct archive_entry *entry,
						const char *format);

void __archive_write_entry_filetype_unsupported(struct archive *a, struct archive_entry *entry,
						const char *format)
{
	const char *kind;
	switch (archive_entry_filetype(entry)) {
	case AE_IFDIR:
		kind = "directories";
		break;
	case AE_IFLNK:
		kind = "symbolic links";
		break;
	case AE_IFCHR:
		kind = "character devices";
		break;
	case AE_IFBLK:
		kind = "block devices";
		break;
	case AE_IFIFO:
		kind = "named pipes";
		break;
	case AE_IFSOCK:
		kind = "sockets";
		break;
	default:
		kind = "this file type";
		break;
	}
	archive_set_error(a, EILSEQ /* libarchive's file-format errno on Linux */,
			  "%s: %s format cannot archive %s", archive_entry_pathname(entry), format,
			  kind);
}
