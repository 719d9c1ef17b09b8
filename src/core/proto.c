/*
 * Platform protocols: names, freeing, and loading one file (its own keys,
 * sources and sites). The rule sections are parsed in proto_rules.c with
 * the helpers of proto_walk.c; lookups and queries are in proto_set.c.
 */
#include "core/proto.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/builtin.h"
#include "core/date.h"
#include "core/proto_int.h"
#include "core/util.h"
#include "core/banned.h"
#include "core/readfile.h"

#define SCHEMA   1
#define MAX_FILE (1024 * 1024)

const char *const proto_right_names[TD_PROTO_NRIGHTS] = {
	"trademark",      "copyright", "patent_invention",
	"patent_utility", "design",
};
const char *const proto_doc_names[TD_PROTO_NDOCS] = {
	"business_licence",
	"registration_certificate",
	"power_of_attorney",
	"translation",
	"court_order",
	"patent_evaluation_report",
	"comparison_chart",
	"identity",
	"other",
};
const char *const proto_channel_names[TD_PROTO_NCHANNELS] = {
	"portal", "webform", "email", "api", "phone", "fax", "post",
};
const char *const proto_role_names[TD_PROTO_NROLES] = {"owner", "agent"};
const char *const proto_need_names[3] = {"required", "recommended", "optional"};
static const char *const class_names[] = {"home", "foreign", "unregistered",
					  "not_accepted"};

const char *
td_proto_right_name(enum td_proto_right_kind kind)
{
	return (unsigned)kind < TD_PROTO_NRIGHTS ? proto_right_names[kind]
						 : "?";
}

int
proto_lookup_name(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int
td_proto_right_parse(const char *s)
{
	return proto_lookup_name(proto_right_names, TD_PROTO_NRIGHTS, s);
}

const char *
td_proto_doc_name(enum td_proto_doc_kind doc)
{
	return (unsigned)doc < TD_PROTO_NDOCS ? proto_doc_names[doc] : "?";
}

int
td_proto_doc_parse(const char *s)
{
	return proto_lookup_name(proto_doc_names, TD_PROTO_NDOCS, s);
}

const char *
td_proto_channel_name(enum td_proto_channel_kind kind)
{
	return (unsigned)kind < TD_PROTO_NCHANNELS ? proto_channel_names[kind]
						   : "?";
}

const char *
td_proto_role_name(enum td_proto_role role)
{
	return (unsigned)role < TD_PROTO_NROLES ? proto_role_names[role] : "?";
}

const char *
td_proto_class_name(enum td_proto_reg_class c)
{
	return (unsigned)c < TD_ARRAY_LEN(class_names) ? class_names[c] : "?";
}

const char *
td_proto_right_label(enum td_proto_right_kind kind, const char *lang)
{
	static const char *const en[TD_PROTO_NRIGHTS] = {
		"trademark", "copyright", "invention patent",
		"utility model patent", "design patent"};
	static const char *const zh[TD_PROTO_NRIGHTS] = {
		"商标", "著作权", "发明专利", "实用新型专利", "外观设计专利"};

	if ((unsigned)kind >= TD_PROTO_NRIGHTS)
		return "?";
	return lang && strncmp(lang, "zh", 2) == 0 ? zh[kind] : en[kind];
}

/* ---- freeing ---------------------------------------------------------- */

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_reqs(struct td_proto_req *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free_strv(v[i].registries, v[i].nregistries);
		free(v[i].note);
	}
	free(v);
}

static void
free_fields(struct td_proto_field *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].field);
		free(v[i].note);
	}
	free(v);
}

static void
free_rules(struct td_proto_rules *r)
{
	size_t i;

	free_strv(r->home, r->nhome);
	free_strv(r->languages, r->nlanguages);
	free_strv(r->doc_languages, r->ndoc_languages);
	free_strv(r->templates, r->ntemplates);
	for (i = 0; i < TD_PROTO_NROLES; i++) {
		free_reqs(r->filer[i].proof, r->filer[i].nproof);
		free(r->filer[i].note);
	}
	for (i = 0; i < TD_PROTO_NRIGHTS; i++) {
		free_strv(r->right[i].registries, r->right[i].nregistries);
		free_reqs(r->right[i].docs, r->right[i].ndocs);
		free(r->right[i].note);
	}
	for (i = 0; i < r->nchannels; i++) {
		free(r->channels[i].target);
		free(r->channels[i].note);
	}
	free(r->channels);
	free(r->batch.unit);
	free(r->batch.format);
	free(r->batch.note);
	free_fields(r->batch.columns, r->batch.ncolumns);
	free(r->response.note);
	free(r->counter.owner_reply.note);
	free(r->counter.restore.note);
	free(r->counter.restore_unless);
	free(r->counter.follows);
	free(r->counter.law);
	free(r->counter.decision.note);
	free(r->record.name);
	free(r->record.note);
	free(r->repeat.policy);
	free(r->removal.note);
	free(r->good_faith.name);
	free(r->good_faith.note);
	free_fields(r->form, r->nform);
	free(r->notes);
	memset(r, 0, sizeof(*r));
}

void
td_proto_free(struct td_proto *p)
{
	size_t i;

	if (!p)
		return;
	free_rules(&p->r);
	for (i = 0; i < p->nsites; i++) {
		free(p->sites[i].key);
		free(p->sites[i].name);
		free_strv(p->sites[i].domains, p->sites[i].ndomains);
		free_rules(&p->sites[i].r);
	}
	free(p->sites);
	for (i = 0; i < p->nsources; i++) {
		free(p->sources[i].id);
		free(p->sources[i].url);
		free(p->sources[i].confidence);
		free(p->sources[i].note);
	}
	free(p->sources);
	free_strv(p->aliases, p->naliases);
	free(p->key);
	free(p->name);
	free(p->company);
	free(p->file);
	free(p);
}

/* ---- sites and merge patches ------------------------------------------ */

/* RFC 7386: apply patch to target; returns a new reference. */
static json_t *
merge_patch(json_t *target, json_t *patch)
{
	const char *key;
	json_t *v, *out;

	if (!json_is_object(patch))
		return json_deep_copy(patch);
	out = json_is_object(target) ? json_deep_copy(target) : json_object();
	json_object_foreach(patch, key, v)
	{
		if (json_is_null(v)) {
			json_object_del(out, key);
		} else {
			json_t *m = merge_patch(json_object_get(out, key), v);

			json_object_set_new(out, key, m);
		}
	}
	return out;
}

/* Aliases are names like keys: lower-case letters, digits and '_'. */
static int
alias_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return n > 0 && n < 64;
}

static int
parse_sites(struct pctx *pc, json_t *root, json_t *base, struct td_proto *p)
{
	static const char *const keys[] = {"key", "name", "domains", "patch",
					   NULL};
	json_t *v = json_object_get(root, "sites");
	size_t i, j, old;
	json_t *e;
	int rc = 0;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return proto_bad_at(pc, "sites",
				    v ? "must be a non-empty array"
				      : "missing");
	p->sites = td_xcalloc(json_array_size(v), sizeof(*p->sites));
	old = proto_push(pc, "sites");
	json_array_foreach(v, i, e)
	{
		size_t o2 = proto_push_index(pc, i);
		struct td_proto_site *s = &p->sites[i];
		json_t *patch, *eff = NULL;

		p->nsites = i + 1;
		s->proto = p;
		rc = proto_want_object(pc, e);
		if (!rc)
			rc = proto_check_keys(pc, e, keys);
		if (!rc)
			rc = proto_get_str(pc, e, "key", 1, &s->key);
		for (j = 0; !rc && s->key[j]; j++)
			if (!((s->key[j] >= 'a' && s->key[j] <= 'z') ||
			      (s->key[j] >= '0' && s->key[j] <= '9') ||
			      s->key[j] == '_'))
				rc = proto_bad_at(pc, "key",
						  "'%s' must be a-z, 0-9 and _",
						  s->key);
		for (j = 0; !rc && j < i; j++)
			if (strcmp(p->sites[j].key, s->key) == 0)
				rc = proto_bad_at(pc, "key",
						  "'%s' is already sites[%zu]",
						  s->key, j);
		if (!rc)
			rc = proto_get_str(pc, e, "name", 1, &s->name);
		if (!rc)
			rc = proto_get_strv(pc, e, "domains", 1, 0, NULL, NULL,
					    &s->domains, &s->ndomains);
		patch = json_object_get(e, "patch");
		if (!rc && patch && !json_is_object(patch))
			rc = proto_bad_at(pc, "patch", "must be an object");
		if (!rc && patch) {
			const char *k;
			json_t *pv;
			size_t o3 = proto_push(pc, "patch");

			json_object_foreach(patch, k, pv)
			{
				const char *const *a;

				for (a = proto_rule_keys; *a; a++)
					if (strcmp(*a, k) == 0)
						break;
				if (!*a) {
					rc = proto_bad_at(
						pc, k,
						"a site may not change "
						"this");
					break;
				}
			}
			if (!rc) {
				eff = merge_patch(base, patch);
				rc = proto_parse_rules(pc, eff, &s->r);
			}
			proto_pop(pc, o3);
		} else if (!rc) {
			rc = proto_parse_rules(pc, base, &s->r);
		}
		json_decref(eff);
		proto_pop(pc, o2);
		if (rc)
			break;
	}
	proto_pop(pc, old);
	return rc;
}

static int
parse_sources(struct pctx *pc, json_t *root, struct td_proto *p)
{
	static const char *const keys[] = {"id", "url", "confidence", "note",
					   NULL};
	static const char *const conf[] = {"H", "M", "L", "default"};
	json_t *v = json_object_get(root, "sources");
	size_t i, old;
	json_t *e;
	int rc = 0;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return proto_bad_at(pc, "sources",
				    v ? "must be a non-empty array"
				      : "missing");
	p->sources = td_xcalloc(json_array_size(v), sizeof(*p->sources));
	old = proto_push(pc, "sources");
	json_array_foreach(v, i, e)
	{
		size_t o2 = proto_push_index(pc, i);
		struct td_proto_source *s = &p->sources[i];
		int c = 0;

		p->nsources = i + 1;
		rc = proto_want_object(pc, e);
		if (!rc)
			rc = proto_check_keys(pc, e, keys);
		if (!rc)
			rc = proto_get_str(pc, e, "id", 1, &s->id);
		if (!rc) {
			/* Look for a duplicate among those already read. */
			p->nsources = i;
			if (td_proto_source(p, s->id))
				rc = proto_bad_at(pc, "id",
						  "'%s' is given twice", s->id);
			p->nsources = i + 1;
		}
		if (!rc)
			rc = proto_get_str(pc, e, "url", 1, &s->url);
		if (!rc)
			rc = proto_one_of(pc, e, "confidence", 1, conf, 4, &c);
		if (!rc)
			s->confidence = td_xstrdup(conf[c]);
		if (!rc)
			rc = proto_get_str(pc, e, "note", 0, &s->note);
		proto_pop(pc, o2);
		if (rc)
			break;
	}
	proto_pop(pc, old);
	return rc;
}

struct td_proto *
td_proto_parse(const char *file, const char *text, size_t len,
	       struct td_err *err)
{
	static const char *const top_keys[] = {"schema", "key",     "aliases",
					       "name",   "company", "checked",
					       "sites",  "sources", NULL};
	struct td_proto *p = td_xcalloc(1, sizeof(*p));
	struct pctx pc;
	json_error_t je;
	json_t *root, *base = NULL;
	const char *key;
	json_t *v;
	long schema = 0;
	int rc = 0;

	memset(&pc, 0, sizeof(pc));
	pc.file = file ? file : "protocol";
	pc.err = err;
	pc.p = p;
	td_buf_init(&pc.path);
	p->file = td_xstrdup(pc.file);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		rc = td_errf_at(err, TD_EINVAL, pc.file,
				je.line > 0 ? (unsigned long)je.line : 0, NULL,
				"column %d: %s", je.column, je.text);
		goto out;
	}
	rc = proto_want_object(&pc, root);
	/* Top level: the file's own keys plus the rules. */
	json_object_foreach(root, key, v)
	{
		const char *const *a;

		if (rc)
			break;
		for (a = top_keys; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (*a)
			continue;
		for (a = proto_rule_keys; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a)
			rc = proto_bad_at(&pc, key, "unknown field");
	}
	if (!rc)
		rc = proto_get_int(&pc, root, "schema", 1, SCHEMA, SCHEMA,
				   "1 (this program reads schema 1)", &schema);
	if (!rc)
		rc = proto_get_str(&pc, root, "key", 1, &p->key);
	if (!rc)
		rc = proto_get_strv(&pc, root, "aliases", 0, 0, alias_ok,
				    "a name of letters, digits and _",
				    &p->aliases, &p->naliases);
	if (!rc)
		rc = proto_get_str(&pc, root, "name", 1, &p->name);
	if (!rc)
		rc = proto_get_str(&pc, root, "company", 1, &p->company);
	if (!rc)
		rc = proto_get_date(&pc, root, "checked", 1, NULL, &p->checked);
	if (!rc)
		rc = parse_sources(&pc, root, p);
	if (!rc) {
		const char *const *a;

		base = json_object();
		for (a = proto_rule_keys; *a; a++)
			if (json_object_get(root, *a))
				json_object_set(base, *a,
						json_object_get(root, *a));
		rc = proto_parse_rules(&pc, base, &p->r);
	}
	if (!rc)
		rc = parse_sites(&pc, root, base, p);
out:
	json_decref(base);
	json_decref(root);
	td_buf_release(&pc.path);
	if (rc) {
		if (err && err->code == 0)
			td_errf(err, TD_EINVAL, "%s: invalid", pc.file);
		td_proto_free(p);
		return NULL;
	}
	return p;
}

struct td_proto *
td_proto_load_file(const char *path, struct td_err *err)
{
	struct td_buf text = TD_BUF_INIT;
	struct td_proto *p = NULL;

	if (td_read_file(path, MAX_FILE, &text, err) == 0)
		p = td_proto_parse(path, text.data, text.len, err);
	td_buf_release(&text);
	return p;
}

const struct td_proto_source *
td_proto_source(const struct td_proto *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->nsources; i++)
		if (p->sources[i].id && strcmp(p->sources[i].id, id) == 0)
			return &p->sources[i];
	return NULL;
}
