// The shared plan's schema in SQL: versions, history, guards, roles, row-level security.
#include "schema_sql.h"

#include "geo/plan/plan.h"
#include "pg.h"

namespace pc::plan {
namespace {

std::string with_schema(std::string sql, const std::string& quoted, const std::string& raw) {
    for (auto [from, to] : {std::pair<const char*, const std::string*>{"@S@", &quoted}, {"@s@", &raw}}) {
        const std::string f = from;
        for (std::size_t p = sql.find(f); p != std::string::npos; p = sql.find(f, p + to->size()))
            sql.replace(p, f.size(), *to);
    }
    return sql;
}

// Bookkeeping. plan_meta.revision counts committed changes: pc_revision() takes the next one for a
// transaction (holding plan_meta's row until commit, so revisions are in commit order and a reader
// that sees revision R sees every change up to R). Every row of a synced table carries the version
// of its feature, the revision that wrote it, who and when; plan_history keeps every version.
constexpr const char* kBookkeeping = R"SQL(
CREATE TABLE @S@.plan_meta (
  id integer PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL,
  format_version integer NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text NOT NULL DEFAULT session_user,
  source text);
CREATE TABLE @S@.plan_roles (
  role name PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('coordinator', 'opd', 'viewer')),
  opd text NOT NULL DEFAULT '');
CREATE TABLE @S@.plan_history (
  id bigserial PRIMARY KEY,
  revision bigint NOT NULL,
  change_set uuid,
  layer text NOT NULL,
  table_name text NOT NULL,
  key text NOT NULL,
  version integer NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  changed_by text NOT NULL,
  opd text NOT NULL,
  changed_at timestamptz NOT NULL,
  note text,
  before jsonb,
  after jsonb,
  before_geom geometry,
  after_geom geometry);
CREATE INDEX ON @S@.plan_history (layer, key, version);
CREATE INDEX ON @S@.plan_history (revision);
CREATE TABLE @S@.plan_change_sets (
  id uuid PRIMARY KEY,
  revision bigint NOT NULL,
  committed_by text NOT NULL DEFAULT session_user,
  committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  client text,
  operations integer NOT NULL,
  conflicts_resolved integer NOT NULL DEFAULT 0);

CREATE FUNCTION @S@.pc_revision() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  current text := current_setting('petacerdas.revision_@s@', true);
  taken bigint;
BEGIN
  IF current IS NOT NULL AND current <> '' THEN
    RETURN current::bigint;
  END IF;
  UPDATE @S@.plan_meta SET revision = revision + 1 WHERE id = 1 RETURNING revision INTO taken;
  PERFORM set_config('petacerdas.revision_@s@', taken::text, true);
  RETURN taken;
END $$;
ALTER TABLE @S@.plan_change_sets ALTER COLUMN revision SET DEFAULT @S@.pc_revision();

-- The roles' rights: the schema's owner (who published) and the coordinator change everything.
CREATE FUNCTION @S@.pc_is_coordinator() RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = '@s@'), 'MEMBER')
      OR EXISTS (SELECT 1 FROM @S@.plan_roles r WHERE r.kind = 'coordinator' AND pg_has_role(current_user, r.role, 'MEMBER'))
$$;
CREATE FUNCTION @S@.pc_may_edit_opd(initiative_opd text) RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT @S@.pc_is_coordinator()
      OR EXISTS (SELECT 1 FROM @S@.plan_roles r WHERE r.kind = 'opd' AND lower(r.opd) = lower(coalesce(initiative_opd, ''))
                 AND pg_has_role(current_user, r.role, 'MEMBER'))
$$;
-- The OPD a role acts for, as history records it.
CREATE FUNCTION @S@.pc_opd_of(who name) RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT coalesce(
    (SELECT r.opd FROM @S@.plan_roles r WHERE r.kind <> 'viewer' AND pg_has_role(who, r.role, 'MEMBER')
     ORDER BY r.kind = 'coordinator' DESC, r.role LIMIT 1),
    CASE WHEN pg_has_role(who, (SELECT nspowner FROM pg_namespace WHERE nspname = '@s@'), 'MEMBER')
         THEN '(plan owner)' ELSE '(none)' END)
$$;
-- "role 'x' (OPD Dinkes)" for messages.
CREATE FUNCTION @S@.pc_who() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT format('role %L (%s)', current_user::text,
    coalesce((SELECT string_agg(CASE r.kind WHEN 'opd' THEN 'OPD ' || r.opd WHEN 'coordinator' THEN 'coordinator ' || r.opd
                                ELSE 'viewer' END, ', ' ORDER BY r.role)
              FROM @S@.plan_roles r WHERE pg_has_role(current_user, r.role, 'MEMBER')), 'not a role of this plan'))
$$;

-- Each OPD changes only its own initiatives: checked on the row before and after the change, with a
-- message that names the role, the initiative and its OPD. (Row-level security, below, has the same
-- rule for new rows; for the rows a statement touches it would skip those of other OPDs silently.)
CREATE FUNCTION @S@.pc_guard_opd() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT @S@.pc_may_edit_opd(OLD.opd) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format('%s may not %s initiative %L (uuid %s) of OPD %s', @S@.pc_who(),
                       CASE TG_OP WHEN 'UPDATE' THEN 'change' ELSE 'delete' END, OLD.name, OLD.uuid,
                       coalesce(nullif(OLD.opd, ''), '(none)')),
      HINT = 'each OPD changes only its own initiatives; Bappeda, the coordinator, changes all of them';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NOT @S@.pc_may_edit_opd(NEW.opd) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format('%s may not %s initiative %L for OPD %s', @S@.pc_who(),
                       CASE TG_OP WHEN 'INSERT' THEN 'add' ELSE 'hand' END, NEW.name, coalesce(nullif(NEW.opd, ''), '(none)')),
      HINT = 'each OPD adds and changes only its own initiatives; Bappeda, the coordinator, changes all of them';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- Versions and history of every row of a synced table. Arguments: the layer, its key columns
-- (comma separated), 'spatial' or ''.
CREATE FUNCTION @S@.pc_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = @S@, public, pg_catalog SET extra_float_digits = 1 AS $$
DECLARE
  layer text := TG_ARGV[0];
  key_columns text[] := string_to_array(TG_ARGV[1], ',');
  spatial boolean := TG_ARGV[2] = 'spatial';
  bookkeeping text[] := ARRAY['fid', 'geom', 'pc_version', 'pc_revision', 'pc_changed_by', 'pc_changed_at'];
  rev bigint;
  k text;
  old_key text;
  v integer;
  old_rec jsonb;
  new_rec jsonb;
  old_geom geometry;
  new_geom geometry;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    IF key_columns = ARRAY['uuid'] THEN  -- nested: NEW.uuid exists only in uuid-keyed tables
      IF NEW.uuid IS NULL OR NEW.uuid = '' THEN
        NEW.uuid := gen_random_uuid()::text;  -- a feature added in QGIS
      END IF;
    END IF;
    new_rec := to_jsonb(NEW) - bookkeeping;
    k := (SELECT string_agg(coalesce(new_rec ->> c, ''), '|' ORDER BY o) FROM unnest(key_columns) WITH ORDINALITY AS t(c, o));
    IF spatial THEN new_geom := NEW.geom; END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    old_rec := to_jsonb(OLD) - bookkeeping;
    old_key := (SELECT string_agg(coalesce(old_rec ->> c, ''), '|' ORDER BY o) FROM unnest(key_columns) WITH ORDINALITY AS t(c, o));
    IF spatial THEN old_geom := OLD.geom; END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF k IS DISTINCT FROM old_key THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation',
        MESSAGE = format('the key of %s %L cannot change (to %L): add a new feature instead', layer, old_key, k);
    END IF;
    IF new_rec = old_rec AND ST_AsBinary(new_geom) IS NOT DISTINCT FROM ST_AsBinary(old_geom) THEN
      NEW.pc_version := OLD.pc_version;  -- nothing changed: no new version
      NEW.pc_revision := OLD.pc_revision;
      NEW.pc_changed_by := OLD.pc_changed_by;
      NEW.pc_changed_at := OLD.pc_changed_at;
      RETURN NEW;
    END IF;
  END IF;
  rev := @S@.pc_revision();
  IF TG_OP = 'INSERT' THEN
    v := coalesce((SELECT max(h.version) FROM plan_history h WHERE h.layer = TG_ARGV[0] AND h.key = k), 0) + 1;
  ELSE
    v := OLD.pc_version + 1;
    IF TG_OP = 'DELETE' THEN k := old_key; END IF;
  END IF;
  INSERT INTO plan_history (revision, change_set, layer, table_name, key, version, op, changed_by, opd, changed_at, note,
                            before, after, before_geom, after_geom)
  VALUES (rev, nullif(current_setting('petacerdas.change_set', true), '')::uuid, layer, TG_TABLE_NAME, k, v, lower(TG_OP),
          session_user, @S@.pc_opd_of(session_user), clock_timestamp(), nullif(current_setting('petacerdas.note', true), ''),
          old_rec, new_rec, old_geom, new_geom);
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  NEW.pc_version := v;
  NEW.pc_revision := rev;
  NEW.pc_changed_by := session_user;
  NEW.pc_changed_at := clock_timestamp();
  RETURN NEW;
END $$;
)SQL";

constexpr const char* kLayerStyles = R"SQL(
CREATE TABLE IF NOT EXISTS public.layer_styles (
  id serial PRIMARY KEY,
  f_table_catalog varchar,
  f_table_schema varchar,
  f_table_name varchar,
  f_geometry_column varchar,
  styleName text,
  styleQML xml,
  styleSLD xml,
  useAsDefault boolean,
  description text,
  owner varchar(63) DEFAULT CURRENT_USER,
  ui xml,
  update_time timestamp DEFAULT CURRENT_TIMESTAMP,
  type varchar);
GRANT SELECT ON public.layer_styles TO PUBLIC;
)SQL";

}  // namespace

void create_plan_bookkeeping(PgConnection& c, const std::string& schema, const std::string& source) {
    c.exec(with_schema(kBookkeeping, c.ident(schema), schema));
    c.exec("INSERT INTO " + c.ident(schema) + ".plan_meta (id, revision, format_version, source) VALUES (1, 0, 1, $1)",
           {source});
}

void make_table_versioned(PgConnection& c, const std::string& schema, const std::string& table, const SyncedLayer& layer) {
    const std::string t = c.ident(schema) + "." + c.ident(table);
    std::string keys;
    for (auto& k : layer.key_columns) keys += (keys.empty() ? "" : ",") + k;
    c.exec("ALTER TABLE " + t +
           " ADD COLUMN pc_version integer NOT NULL DEFAULT 1, ADD COLUMN pc_revision bigint NOT NULL DEFAULT 0,"
           " ADD COLUMN pc_changed_by text, ADD COLUMN pc_changed_at timestamptz");
    // Triggers fire in name order: the guard first, so a refused change is refused before it is counted.
    if (layer.name == "initiatives")
        c.exec("CREATE TRIGGER pc_a_guard BEFORE INSERT OR UPDATE OR DELETE ON " + t +
               " FOR EACH ROW EXECUTE FUNCTION " + c.ident(schema) + ".pc_guard_opd()");
    c.exec("CREATE TRIGGER pc_b_version BEFORE INSERT OR UPDATE OR DELETE ON " + t + " FOR EACH ROW EXECUTE FUNCTION " +
           c.ident(schema) + ".pc_row_change(" + c.literal(layer.name) + ", " + c.literal(keys) + ", " +
           c.literal(layer.spatial ? "spatial" : "") + ")");
    // One key per layer and table (kind layers: checked by sync, which moves a feature between them).
    std::string cols;
    for (auto& k : layer.key_columns) cols += (cols.empty() ? "" : ", ") + c.ident(k);
    c.exec("CREATE UNIQUE INDEX ON " + t + " (" + cols + ")");
}

void apply_roles_and_security(PgConnection& c, const std::string& schema, const std::vector<PlanRole>& roles,
                              const std::vector<std::string>& tables) {
    const std::string s = c.ident(schema);
    for (const PlanRole& r : roles) {
        c.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + c.literal(r.role) +
               ") THEN CREATE ROLE " + c.ident(r.role) + " NOLOGIN; END IF; END $$");
        c.exec("INSERT INTO " + s + ".plan_roles (role, kind, opd) VALUES ($1, $2, $3)", {r.role, to_key(r.kind), r.opd});
    }
    std::string all, writers, coordinators;
    for (const PlanRole& r : roles) {
        all += (all.empty() ? "" : ", ") + c.ident(r.role);
        if (r.kind != RoleKind::Viewer) writers += (writers.empty() ? "" : ", ") + c.ident(r.role);
        if (r.kind == RoleKind::Coordinator) coordinators += (coordinators.empty() ? "" : ", ") + c.ident(r.role);
    }
    c.exec("GRANT USAGE ON SCHEMA " + s + " TO " + all);
    c.exec("GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO " + all);
    c.exec("GRANT INSERT ON " + s + ".plan_change_sets TO " + writers);
    // The coordinator writes the analysis' tables (analyze on the plan) and keeps styles.
    c.exec("GRANT CREATE ON SCHEMA " + s + " TO " + coordinators);
    c.exec("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + s + " TO " + writers);
    c.exec("GRANT INSERT, UPDATE, DELETE ON public.layer_styles TO " + writers);
    c.exec("GRANT USAGE ON SEQUENCE public.layer_styles_id_seq TO " + writers);
    for (const std::string& table : tables) {
        const SyncedLayer* layer = layer_of_table(table);
        const std::string t = s + "." + c.ident(table);
        if (!layer) {
            // The analysis' tables belong to the coordinator's group, which replaces them (analyze).
            c.exec("ALTER TABLE " + t + " OWNER TO " + c.ident(roles.front().role));
            continue;
        }
        if (layer->name != "initiatives") {
            // Boundaries, population, facilities, zones, settings, views: the coordinator's.
            c.exec("GRANT INSERT, UPDATE, DELETE ON " + t + " TO " + coordinators);
            continue;
        }
        c.exec("GRANT INSERT, UPDATE, DELETE ON " + t + " TO " + writers);
        c.exec("ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY");
        c.exec("CREATE POLICY pc_read ON " + t + " FOR SELECT USING (true)");
        c.exec("CREATE POLICY pc_add ON " + t + " FOR INSERT WITH CHECK (" + s + ".pc_may_edit_opd(opd))");
        c.exec("CREATE POLICY pc_change ON " + t + " FOR UPDATE USING (true) WITH CHECK (" + s + ".pc_may_edit_opd(opd))");
        c.exec("CREATE POLICY pc_remove ON " + t + " FOR DELETE USING (true)");
    }
}

void ensure_qgis_layer_styles(PgConnection& c) {
    PgResult r = c.exec("SELECT to_regclass('public.layer_styles') IS NOT NULL, EXISTS (SELECT 1 FROM pg_attribute WHERE "
                        "attrelid = to_regclass('public.layer_styles') AND attname = 'type' AND NOT attisdropped)");
    if (r.boolean(0, 0)) {
        // A table QGIS made before 3.22 has no type column (only its owner may add it: asked only then).
        if (!r.boolean(0, 1)) c.exec("ALTER TABLE public.layer_styles ADD COLUMN type varchar");
        return;
    }
    c.exec(kLayerStyles);
}

}  // namespace pc::plan
