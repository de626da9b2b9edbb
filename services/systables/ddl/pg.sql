-- Directus 12.4.1 system tables on PostgreSQL (derived from pg_dump of a real bootstrap; see testdata/derive_ddl.py)

CREATE TABLE directus_access (
    id uuid NOT NULL,
    role uuid,
    "user" uuid,
    policy uuid NOT NULL,
    sort integer
);

CREATE TABLE directus_activity (
    id integer NOT NULL,
    action character varying(45) NOT NULL,
    "user" uuid,
    "timestamp" timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    ip character varying(50),
    user_agent text,
    collection character varying(64) NOT NULL,
    item character varying(255) NOT NULL,
    origin character varying(255)
);

CREATE SEQUENCE directus_activity_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_activity_id_seq OWNED BY directus_activity.id;

CREATE TABLE directus_collections (
    collection character varying(64) NOT NULL,
    icon character varying(64),
    note text,
    display_template character varying(255),
    hidden boolean DEFAULT false NOT NULL,
    singleton boolean DEFAULT false NOT NULL,
    translations json,
    archive_field character varying(64),
    archive_app_filter boolean DEFAULT true NOT NULL,
    archive_value character varying(255),
    unarchive_value character varying(255),
    sort_field character varying(64),
    accountability character varying(255) DEFAULT 'all'::character varying,
    color character varying(255),
    item_duplication_fields json,
    sort integer,
    "group" character varying(64),
    collapse character varying(255) DEFAULT 'open'::character varying NOT NULL,
    preview_url character varying(255),
    versioning boolean DEFAULT false NOT NULL,
    status character varying(255) DEFAULT 'active'::character varying NOT NULL,
    autosave_revision_interval real
);

CREATE TABLE directus_comments (
    id uuid NOT NULL,
    collection character varying(64) NOT NULL,
    item character varying(255) NOT NULL,
    comment text NOT NULL,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    date_updated timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    user_updated uuid
);

CREATE TABLE directus_dashboards (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    icon character varying(64) DEFAULT 'dashboard'::character varying NOT NULL,
    note text,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    color character varying(255)
);

CREATE TABLE directus_deployment_projects (
    id uuid NOT NULL,
    deployment uuid NOT NULL,
    external_id character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    url character varying(255),
    framework character varying(255),
    deployable boolean DEFAULT true NOT NULL
);

CREATE TABLE directus_deployment_runs (
    id uuid NOT NULL,
    project uuid NOT NULL,
    external_id character varying(255) NOT NULL,
    target character varying(255) NOT NULL,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    status character varying(255),
    url character varying(255),
    started_at timestamp with time zone,
    completed_at timestamp with time zone
);

CREATE TABLE directus_deployments (
    id uuid NOT NULL,
    provider character varying(255) NOT NULL,
    credentials text,
    options text,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    webhook_ids json,
    webhook_secret character varying(255),
    last_synced_at timestamp with time zone
);

CREATE TABLE directus_extensions (
    enabled boolean DEFAULT true NOT NULL,
    id uuid NOT NULL,
    folder character varying(255) NOT NULL,
    source character varying(255) NOT NULL,
    bundle uuid
);

CREATE TABLE directus_fields (
    id integer NOT NULL,
    collection character varying(64) NOT NULL,
    field character varying(64) NOT NULL,
    special character varying(64),
    interface character varying(64),
    options json,
    display character varying(64),
    display_options json,
    readonly boolean DEFAULT false NOT NULL,
    hidden boolean DEFAULT false NOT NULL,
    sort integer,
    width character varying(30) DEFAULT 'full'::character varying,
    translations json,
    note text,
    conditions json,
    required boolean DEFAULT false,
    "group" character varying(64),
    validation json,
    validation_message text,
    searchable boolean DEFAULT true NOT NULL
);

CREATE SEQUENCE directus_fields_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_fields_id_seq OWNED BY directus_fields.id;

CREATE TABLE directus_files (
    id uuid NOT NULL,
    storage character varying(255) NOT NULL,
    filename_disk character varying(255),
    filename_download character varying(255) NOT NULL,
    title character varying(255),
    type character varying(255),
    folder uuid,
    uploaded_by uuid,
    created_on timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    modified_by uuid,
    modified_on timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    charset character varying(50),
    filesize bigint,
    width integer,
    height integer,
    duration integer,
    embed character varying(200),
    description text,
    location text,
    tags text,
    metadata json,
    focal_point_x integer,
    focal_point_y integer,
    tus_id character varying(64),
    tus_data json,
    uploaded_on timestamp with time zone
);

CREATE TABLE directus_flows (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    icon character varying(64),
    color character varying(255),
    description text,
    status character varying(255) DEFAULT 'active'::character varying NOT NULL,
    trigger character varying(255),
    accountability character varying(255) DEFAULT 'all'::character varying,
    options json,
    operation uuid,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    folder uuid
);

CREATE TABLE directus_folders (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    parent uuid,
    type character varying(255) DEFAULT 'files'::character varying NOT NULL
);

CREATE TABLE directus_migrations (
    version character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    "timestamp" timestamp with time zone DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE directus_notifications (
    id integer NOT NULL,
    "timestamp" timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    status character varying(255) DEFAULT 'inbox'::character varying,
    recipient uuid NOT NULL,
    sender uuid,
    subject character varying(255) NOT NULL,
    message text,
    collection character varying(64),
    item character varying(255)
);

CREATE SEQUENCE directus_notifications_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_notifications_id_seq OWNED BY directus_notifications.id;

CREATE TABLE directus_oauth_clients (
    client_id character varying(255) NOT NULL,
    client_name character varying(200) NOT NULL,
    redirect_uris json NOT NULL,
    grant_types json NOT NULL,
    token_endpoint_auth_method character varying(255) DEFAULT 'none'::character varying NOT NULL,
    client_secret_hash character varying(64),
    registration_type character varying(10) DEFAULT 'dcr'::character varying NOT NULL,
    client_uri text,
    logo_uri text,
    tos_uri text,
    policy_uri text,
    metadata_fetched_at timestamp with time zone,
    metadata_expires_at timestamp with time zone,
    metadata_etag character varying(255),
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE directus_oauth_codes (
    id uuid NOT NULL,
    code_hash character varying(64) NOT NULL,
    client character varying(255) NOT NULL,
    "user" uuid NOT NULL,
    redirect_uri character varying(255) NOT NULL,
    resource character varying(255) NOT NULL,
    code_challenge character varying(128) NOT NULL,
    code_challenge_method character varying(10) NOT NULL,
    scope character varying(255),
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);

CREATE TABLE directus_oauth_consents (
    id uuid NOT NULL,
    "user" uuid NOT NULL,
    client character varying(255) NOT NULL,
    redirect_uri character varying(255) NOT NULL,
    scope character varying(255),
    date_created timestamp with time zone NOT NULL,
    date_updated timestamp with time zone NOT NULL
);

CREATE TABLE directus_oauth_tokens (
    id uuid NOT NULL,
    client character varying(255) NOT NULL,
    "user" uuid NOT NULL,
    session character varying(64) NOT NULL,
    previous_session character varying(64),
    resource character varying(255) NOT NULL,
    code_hash character varying(64) NOT NULL,
    scope character varying(255),
    expires_at timestamp with time zone NOT NULL,
    date_created timestamp with time zone NOT NULL
);

CREATE TABLE directus_operations (
    id uuid NOT NULL,
    name character varying(255),
    key character varying(255) NOT NULL,
    type character varying(255) NOT NULL,
    position_x integer NOT NULL,
    position_y integer NOT NULL,
    options json,
    resolve uuid,
    reject uuid,
    flow uuid NOT NULL,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid
);

CREATE TABLE directus_panels (
    id uuid NOT NULL,
    dashboard uuid NOT NULL,
    name character varying(255),
    icon character varying(64) DEFAULT NULL::character varying,
    color character varying(10),
    show_header boolean DEFAULT false NOT NULL,
    note text,
    type character varying(255) NOT NULL,
    position_x integer NOT NULL,
    position_y integer NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    options json,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid
);

CREATE TABLE directus_permissions (
    id integer NOT NULL,
    collection character varying(64) NOT NULL,
    action character varying(10) NOT NULL,
    permissions json,
    validation json,
    presets json,
    fields text,
    policy uuid NOT NULL
);

CREATE SEQUENCE directus_permissions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_permissions_id_seq OWNED BY directus_permissions.id;

CREATE TABLE directus_policies (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    icon character varying(64) DEFAULT 'badge'::character varying NOT NULL,
    description text,
    ip_access text,
    enforce_tfa boolean DEFAULT false NOT NULL,
    admin_access boolean DEFAULT false NOT NULL,
    app_access boolean DEFAULT false NOT NULL
);

CREATE TABLE directus_presets (
    id integer NOT NULL,
    bookmark character varying(255),
    "user" uuid,
    role uuid,
    collection character varying(64),
    search character varying(100),
    layout character varying(100) DEFAULT 'tabular'::character varying,
    layout_query json,
    layout_options json,
    refresh_interval integer,
    filter json,
    icon character varying(64) DEFAULT 'bookmark'::character varying,
    color character varying(255)
);

CREATE SEQUENCE directus_presets_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_presets_id_seq OWNED BY directus_presets.id;

CREATE TABLE directus_relations (
    id integer NOT NULL,
    many_collection character varying(64) NOT NULL,
    many_field character varying(64) NOT NULL,
    one_collection character varying(64),
    one_field character varying(64),
    one_collection_field character varying(64),
    one_allowed_collections text,
    junction_field character varying(64),
    sort_field character varying(64),
    one_deselect_action character varying(255) DEFAULT 'nullify'::character varying NOT NULL
);

CREATE SEQUENCE directus_relations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_relations_id_seq OWNED BY directus_relations.id;

CREATE TABLE directus_revisions (
    id integer NOT NULL,
    activity integer NOT NULL,
    collection character varying(64) NOT NULL,
    item character varying(255) NOT NULL,
    data json,
    delta json,
    parent integer,
    version uuid
);

CREATE SEQUENCE directus_revisions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_revisions_id_seq OWNED BY directus_revisions.id;

CREATE TABLE directus_roles (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    icon character varying(64) DEFAULT 'supervised_user_circle'::character varying NOT NULL,
    description text,
    parent uuid
);

CREATE TABLE directus_sessions (
    token character varying(64) NOT NULL,
    "user" uuid,
    expires timestamp with time zone NOT NULL,
    ip character varying(255),
    user_agent text,
    share uuid,
    origin character varying(255),
    next_token character varying(64),
    oauth_client character varying(255)
);

CREATE TABLE directus_settings (
    id integer NOT NULL,
    project_name character varying(100) DEFAULT 'Directus'::character varying NOT NULL,
    project_url character varying(255),
    project_color character varying(255) DEFAULT '#6644FF'::character varying NOT NULL,
    project_logo uuid,
    public_foreground uuid,
    public_background uuid,
    public_note text,
    auth_login_attempts integer DEFAULT 25,
    auth_password_policy character varying(100),
    storage_asset_transform character varying(7) DEFAULT 'all'::character varying,
    storage_asset_presets json,
    custom_css text,
    storage_default_folder uuid,
    basemaps json,
    mapbox_key character varying(255),
    module_bar json,
    project_descriptor character varying(100),
    default_language character varying(255) DEFAULT 'en-US'::character varying NOT NULL,
    custom_aspect_ratios json,
    public_favicon uuid,
    default_appearance character varying(255) DEFAULT 'auto'::character varying NOT NULL,
    default_theme_light character varying(255),
    theme_light_overrides json,
    default_theme_dark character varying(255),
    theme_dark_overrides json,
    report_error_url character varying(255),
    report_bug_url character varying(255),
    report_feature_url character varying(255),
    public_registration boolean DEFAULT false NOT NULL,
    public_registration_verify_email boolean DEFAULT true NOT NULL,
    public_registration_role uuid,
    public_registration_email_filter json,
    visual_editor_urls json,
    project_id uuid,
    mcp_enabled boolean DEFAULT false NOT NULL,
    mcp_allow_deletes boolean DEFAULT false NOT NULL,
    mcp_prompts_collection character varying(255) DEFAULT NULL::character varying,
    mcp_system_prompt_enabled boolean DEFAULT true NOT NULL,
    mcp_system_prompt text,
    project_owner character varying(255),
    project_usage character varying(255),
    org_name character varying(255),
    product_updates boolean,
    project_status character varying(255),
    ai_openai_api_key text,
    ai_anthropic_api_key text,
    ai_system_prompt text,
    ai_google_api_key text,
    ai_openai_compatible_api_key text,
    ai_openai_compatible_base_url text,
    ai_openai_compatible_name text,
    ai_openai_compatible_models json,
    ai_openai_compatible_headers json,
    ai_openai_allowed_models json,
    ai_anthropic_allowed_models json,
    ai_google_allowed_models json,
    collaborative_editing_enabled boolean DEFAULT false NOT NULL,
    ai_translation_default_model text,
    ai_translation_glossary json,
    ai_translation_style_guide text,
    license_key character varying(255) DEFAULT NULL::character varying,
    license_token text,
    mcp_oauth_enabled boolean DEFAULT false NOT NULL,
    mcp_oauth_dcr_enabled boolean DEFAULT false NOT NULL,
    mcp_oauth_cimd_enabled boolean DEFAULT false NOT NULL,
    default_save_action character varying(255) DEFAULT 'save-and-quit'::character varying NOT NULL
);

CREATE SEQUENCE directus_settings_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directus_settings_id_seq OWNED BY directus_settings.id;

CREATE TABLE directus_shares (
    id uuid NOT NULL,
    name character varying(255),
    collection character varying(64) NOT NULL,
    item character varying(255) NOT NULL,
    role uuid,
    password character varying(255),
    user_created uuid,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    date_start timestamp with time zone,
    date_end timestamp with time zone,
    times_used integer DEFAULT 0,
    max_uses integer
);

CREATE TABLE directus_translations (
    id uuid NOT NULL,
    language character varying(255) NOT NULL,
    key character varying(255) NOT NULL,
    value text NOT NULL
);

CREATE TABLE directus_users (
    id uuid NOT NULL,
    first_name character varying(50),
    last_name character varying(50),
    email character varying(128),
    password character varying(255),
    location character varying(255),
    title character varying(50),
    description text,
    tags json,
    avatar uuid,
    language character varying(255) DEFAULT NULL::character varying,
    tfa_secret character varying(255),
    status character varying(16) DEFAULT 'active'::character varying NOT NULL,
    role uuid,
    token character varying(255),
    last_access timestamp with time zone,
    last_page character varying(255),
    provider character varying(128) DEFAULT 'default'::character varying NOT NULL,
    external_identifier character varying(255),
    auth_data json,
    email_notifications boolean DEFAULT true,
    appearance character varying(255),
    theme_dark character varying(255),
    theme_light character varying(255),
    theme_light_overrides json,
    theme_dark_overrides json,
    text_direction character varying(255) DEFAULT 'auto'::character varying NOT NULL
);

CREATE TABLE directus_versions (
    id uuid NOT NULL,
    key character varying(64) NOT NULL,
    name character varying(255),
    collection character varying(64) NOT NULL,
    item character varying(255),
    hash character varying(255),
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    date_updated timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    user_created uuid,
    user_updated uuid,
    delta json
);

ALTER TABLE ONLY directus_activity ALTER COLUMN id SET DEFAULT nextval('directus_activity_id_seq'::regclass);

ALTER TABLE ONLY directus_fields ALTER COLUMN id SET DEFAULT nextval('directus_fields_id_seq'::regclass);

ALTER TABLE ONLY directus_notifications ALTER COLUMN id SET DEFAULT nextval('directus_notifications_id_seq'::regclass);

ALTER TABLE ONLY directus_permissions ALTER COLUMN id SET DEFAULT nextval('directus_permissions_id_seq'::regclass);

ALTER TABLE ONLY directus_presets ALTER COLUMN id SET DEFAULT nextval('directus_presets_id_seq'::regclass);

ALTER TABLE ONLY directus_relations ALTER COLUMN id SET DEFAULT nextval('directus_relations_id_seq'::regclass);

ALTER TABLE ONLY directus_revisions ALTER COLUMN id SET DEFAULT nextval('directus_revisions_id_seq'::regclass);

ALTER TABLE ONLY directus_settings ALTER COLUMN id SET DEFAULT nextval('directus_settings_id_seq'::regclass);

ALTER TABLE ONLY directus_access
    ADD CONSTRAINT directus_access_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_activity
    ADD CONSTRAINT directus_activity_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_collections
    ADD CONSTRAINT directus_collections_pkey PRIMARY KEY (collection);

ALTER TABLE ONLY directus_comments
    ADD CONSTRAINT directus_comments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_dashboards
    ADD CONSTRAINT directus_dashboards_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_deployment_projects
    ADD CONSTRAINT directus_deployment_projects_deployment_external_id_unique UNIQUE (deployment, external_id);

ALTER TABLE ONLY directus_deployment_projects
    ADD CONSTRAINT directus_deployment_projects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_deployment_runs
    ADD CONSTRAINT directus_deployment_runs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_deployments
    ADD CONSTRAINT directus_deployments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_deployments
    ADD CONSTRAINT directus_deployments_provider_unique UNIQUE (provider);

ALTER TABLE ONLY directus_extensions
    ADD CONSTRAINT directus_extensions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_fields
    ADD CONSTRAINT directus_fields_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_files
    ADD CONSTRAINT directus_files_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_flows
    ADD CONSTRAINT directus_flows_operation_unique UNIQUE (operation);

ALTER TABLE ONLY directus_flows
    ADD CONSTRAINT directus_flows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_folders
    ADD CONSTRAINT directus_folders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_migrations
    ADD CONSTRAINT directus_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY directus_notifications
    ADD CONSTRAINT directus_notifications_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_oauth_clients
    ADD CONSTRAINT directus_oauth_clients_pkey PRIMARY KEY (client_id);

ALTER TABLE ONLY directus_oauth_codes
    ADD CONSTRAINT directus_oauth_codes_code_hash_unique UNIQUE (code_hash);

ALTER TABLE ONLY directus_oauth_codes
    ADD CONSTRAINT directus_oauth_codes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_oauth_consents
    ADD CONSTRAINT directus_oauth_consents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_oauth_consents
    ADD CONSTRAINT directus_oauth_consents_user_client_redirect_uri_unique UNIQUE ("user", client, redirect_uri);

ALTER TABLE ONLY directus_oauth_tokens
    ADD CONSTRAINT directus_oauth_tokens_client_user_unique UNIQUE (client, "user");

ALTER TABLE ONLY directus_oauth_tokens
    ADD CONSTRAINT directus_oauth_tokens_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_reject_unique UNIQUE (reject);

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_resolve_unique UNIQUE (resolve);

ALTER TABLE ONLY directus_panels
    ADD CONSTRAINT directus_panels_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_permissions
    ADD CONSTRAINT directus_permissions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_policies
    ADD CONSTRAINT directus_policies_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_presets
    ADD CONSTRAINT directus_presets_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_relations
    ADD CONSTRAINT directus_relations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_revisions
    ADD CONSTRAINT directus_revisions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_roles
    ADD CONSTRAINT directus_roles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_sessions
    ADD CONSTRAINT directus_sessions_pkey PRIMARY KEY (token);

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_shares
    ADD CONSTRAINT directus_shares_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_translations
    ADD CONSTRAINT directus_translations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_users
    ADD CONSTRAINT directus_users_email_unique UNIQUE (email);

ALTER TABLE ONLY directus_users
    ADD CONSTRAINT directus_users_external_identifier_unique UNIQUE (external_identifier);

ALTER TABLE ONLY directus_users
    ADD CONSTRAINT directus_users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY directus_users
    ADD CONSTRAINT directus_users_token_unique UNIQUE (token);

ALTER TABLE ONLY directus_versions
    ADD CONSTRAINT directus_versions_pkey PRIMARY KEY (id);

CREATE INDEX directus_activity_timestamp_index ON directus_activity USING btree ("timestamp");

CREATE INDEX directus_oauth_clients_date_created_index ON directus_oauth_clients USING btree (date_created);

CREATE INDEX directus_oauth_codes_expires_at_index ON directus_oauth_codes USING btree (expires_at);

CREATE INDEX directus_oauth_codes_used_at_index ON directus_oauth_codes USING btree (used_at);

CREATE INDEX directus_oauth_consents_client_index ON directus_oauth_consents USING btree (client);

CREATE INDEX directus_oauth_tokens_code_hash_index ON directus_oauth_tokens USING btree (code_hash);

CREATE INDEX directus_oauth_tokens_expires_at_index ON directus_oauth_tokens USING btree (expires_at);

CREATE INDEX directus_oauth_tokens_previous_session_index ON directus_oauth_tokens USING btree (previous_session);

CREATE INDEX directus_oauth_tokens_session_index ON directus_oauth_tokens USING btree (session);

CREATE INDEX directus_revisions_activity_index ON directus_revisions USING btree (activity);

CREATE INDEX directus_revisions_parent_index ON directus_revisions USING btree (parent);

CREATE INDEX directus_sessions_oauth_client_index ON directus_sessions USING btree (oauth_client);

ALTER TABLE ONLY directus_access
    ADD CONSTRAINT directus_access_policy_foreign FOREIGN KEY (policy) REFERENCES directus_policies(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_access
    ADD CONSTRAINT directus_access_role_foreign FOREIGN KEY (role) REFERENCES directus_roles(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_access
    ADD CONSTRAINT directus_access_user_foreign FOREIGN KEY ("user") REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_collections
    ADD CONSTRAINT directus_collections_group_foreign FOREIGN KEY ("group") REFERENCES directus_collections(collection);

ALTER TABLE ONLY directus_comments
    ADD CONSTRAINT directus_comments_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_comments
    ADD CONSTRAINT directus_comments_user_updated_foreign FOREIGN KEY (user_updated) REFERENCES directus_users(id);

ALTER TABLE ONLY directus_dashboards
    ADD CONSTRAINT directus_dashboards_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_deployment_projects
    ADD CONSTRAINT directus_deployment_projects_deployment_foreign FOREIGN KEY (deployment) REFERENCES directus_deployments(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_deployment_projects
    ADD CONSTRAINT directus_deployment_projects_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_deployment_runs
    ADD CONSTRAINT directus_deployment_runs_project_foreign FOREIGN KEY (project) REFERENCES directus_deployment_projects(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_deployment_runs
    ADD CONSTRAINT directus_deployment_runs_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_deployments
    ADD CONSTRAINT directus_deployments_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_files
    ADD CONSTRAINT directus_files_folder_foreign FOREIGN KEY (folder) REFERENCES directus_folders(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_files
    ADD CONSTRAINT directus_files_modified_by_foreign FOREIGN KEY (modified_by) REFERENCES directus_users(id);

ALTER TABLE ONLY directus_files
    ADD CONSTRAINT directus_files_uploaded_by_foreign FOREIGN KEY (uploaded_by) REFERENCES directus_users(id);

ALTER TABLE ONLY directus_flows
    ADD CONSTRAINT directus_flows_folder_foreign FOREIGN KEY (folder) REFERENCES directus_folders(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_flows
    ADD CONSTRAINT directus_flows_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_folders
    ADD CONSTRAINT directus_folders_parent_foreign FOREIGN KEY (parent) REFERENCES directus_folders(id);

ALTER TABLE ONLY directus_notifications
    ADD CONSTRAINT directus_notifications_recipient_foreign FOREIGN KEY (recipient) REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_notifications
    ADD CONSTRAINT directus_notifications_sender_foreign FOREIGN KEY (sender) REFERENCES directus_users(id);

ALTER TABLE ONLY directus_oauth_codes
    ADD CONSTRAINT directus_oauth_codes_client_foreign FOREIGN KEY (client) REFERENCES directus_oauth_clients(client_id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_oauth_codes
    ADD CONSTRAINT directus_oauth_codes_user_foreign FOREIGN KEY ("user") REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_oauth_consents
    ADD CONSTRAINT directus_oauth_consents_client_foreign FOREIGN KEY (client) REFERENCES directus_oauth_clients(client_id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_oauth_consents
    ADD CONSTRAINT directus_oauth_consents_user_foreign FOREIGN KEY ("user") REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_oauth_tokens
    ADD CONSTRAINT directus_oauth_tokens_client_foreign FOREIGN KEY (client) REFERENCES directus_oauth_clients(client_id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_oauth_tokens
    ADD CONSTRAINT directus_oauth_tokens_user_foreign FOREIGN KEY ("user") REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_flow_foreign FOREIGN KEY (flow) REFERENCES directus_flows(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_reject_foreign FOREIGN KEY (reject) REFERENCES directus_operations(id);

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_resolve_foreign FOREIGN KEY (resolve) REFERENCES directus_operations(id);

ALTER TABLE ONLY directus_operations
    ADD CONSTRAINT directus_operations_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_panels
    ADD CONSTRAINT directus_panels_dashboard_foreign FOREIGN KEY (dashboard) REFERENCES directus_dashboards(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_panels
    ADD CONSTRAINT directus_panels_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_permissions
    ADD CONSTRAINT directus_permissions_policy_foreign FOREIGN KEY (policy) REFERENCES directus_policies(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_presets
    ADD CONSTRAINT directus_presets_role_foreign FOREIGN KEY (role) REFERENCES directus_roles(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_presets
    ADD CONSTRAINT directus_presets_user_foreign FOREIGN KEY ("user") REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_revisions
    ADD CONSTRAINT directus_revisions_activity_foreign FOREIGN KEY (activity) REFERENCES directus_activity(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_revisions
    ADD CONSTRAINT directus_revisions_parent_foreign FOREIGN KEY (parent) REFERENCES directus_revisions(id);

ALTER TABLE ONLY directus_revisions
    ADD CONSTRAINT directus_revisions_version_foreign FOREIGN KEY (version) REFERENCES directus_versions(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_roles
    ADD CONSTRAINT directus_roles_parent_foreign FOREIGN KEY (parent) REFERENCES directus_roles(id);

ALTER TABLE ONLY directus_sessions
    ADD CONSTRAINT directus_sessions_oauth_client_foreign FOREIGN KEY (oauth_client) REFERENCES directus_oauth_clients(client_id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_sessions
    ADD CONSTRAINT directus_sessions_share_foreign FOREIGN KEY (share) REFERENCES directus_shares(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_sessions
    ADD CONSTRAINT directus_sessions_user_foreign FOREIGN KEY ("user") REFERENCES directus_users(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_project_logo_foreign FOREIGN KEY (project_logo) REFERENCES directus_files(id);

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_public_background_foreign FOREIGN KEY (public_background) REFERENCES directus_files(id);

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_public_favicon_foreign FOREIGN KEY (public_favicon) REFERENCES directus_files(id);

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_public_foreground_foreign FOREIGN KEY (public_foreground) REFERENCES directus_files(id);

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_public_registration_role_foreign FOREIGN KEY (public_registration_role) REFERENCES directus_roles(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_settings
    ADD CONSTRAINT directus_settings_storage_default_folder_foreign FOREIGN KEY (storage_default_folder) REFERENCES directus_folders(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_shares
    ADD CONSTRAINT directus_shares_collection_foreign FOREIGN KEY (collection) REFERENCES directus_collections(collection) ON DELETE CASCADE;

ALTER TABLE ONLY directus_shares
    ADD CONSTRAINT directus_shares_role_foreign FOREIGN KEY (role) REFERENCES directus_roles(id) ON DELETE CASCADE;

ALTER TABLE ONLY directus_shares
    ADD CONSTRAINT directus_shares_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_users
    ADD CONSTRAINT directus_users_role_foreign FOREIGN KEY (role) REFERENCES directus_roles(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_versions
    ADD CONSTRAINT directus_versions_collection_foreign FOREIGN KEY (collection) REFERENCES directus_collections(collection) ON DELETE CASCADE;

ALTER TABLE ONLY directus_versions
    ADD CONSTRAINT directus_versions_user_created_foreign FOREIGN KEY (user_created) REFERENCES directus_users(id) ON DELETE SET NULL;

ALTER TABLE ONLY directus_versions
    ADD CONSTRAINT directus_versions_user_updated_foreign FOREIGN KEY (user_updated) REFERENCES directus_users(id);
