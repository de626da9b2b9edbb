package schema

// System metadata Directus 12.4.1 keeps in code (@directus/system-data 4.7.0), spec 12 §5.
// Kept as the spec's own compact text so it can be checked against the spec line by line.

// systemCollectionsText: collection, singleton, accountability ("null" = none), sort field ("-" = none).
const systemCollectionsText = `
directus_access false all sort
directus_activity false null -
directus_collections false all -
directus_comments false all -
directus_fields false all -
directus_files false all -
directus_folders false all -
directus_migrations false all -
directus_permissions false all -
directus_policies false all -
directus_presets false null -
directus_relations false all -
directus_revisions false null -
directus_roles false all -
directus_sessions false all -
directus_settings true all -
directus_users false all -
directus_dashboards false all -
directus_panels false all -
directus_notifications false all -
directus_shares false all -
directus_flows false all -
directus_operations false all -
directus_translations false all -
directus_versions false all -
directus_extensions false all -
directus_deployments false all -
directus_deployment_projects false all -
directus_deployment_runs false all -
directus_oauth_clients false null -
directus_oauth_codes false null -
directus_oauth_consents false null -
directus_oauth_tokens false null -
`

// systemFieldsText: "collection: field[special,special], field, ..." (no-data rows omitted).
const systemFieldsText = `
directus_access: id[uuid], role[m2o], user[m2o], policy[m2o], sort
directus_activity: id, item, action, collection, timestamp[date-created,cast-timestamp], user, user_agent, origin, ip, revisions[o2m]
directus_collections: collection, note, status, icon, color, display_template, hidden[cast-boolean], singleton[cast-boolean], translations[cast-json], preview_url, versioning[cast-boolean], autosave_revision_interval, archive_field, archive_app_filter[cast-boolean], archive_value, unarchive_value, sort_field, accountability, item_duplication_fields[cast-json], sort, group, collapse
directus_comments: id[uuid], collection, item, comment, date_created[date-created,cast-timestamp], date_updated[date-updated,cast-timestamp], user_created[user-created], user_updated[user-updated]
directus_dashboards: id[uuid], name, icon, panels[o2m], date_created[date-created,cast-timestamp], user_created[user-created], note, color
directus_extensions: id[uuid], folder, source, bundle, enabled[cast-boolean]
directus_fields: id, collection, field, special[cast-csv], interface, options[cast-json], display, display_options[cast-json], readonly[cast-boolean], hidden[cast-boolean], required[cast-boolean], searchable[cast-boolean], sort, width, group, translations[cast-json], note, conditions[cast-json], validation[cast-json], validation_message
directus_files: id[uuid], title, description, tags[cast-json], location, storage, focal_point_x, focal_point_y, filename_disk, filename_download, metadata[cast-json], type, filesize, created_on[date-created], modified_by[user-updated], modified_on[date-created,date-updated], embed, uploaded_by[user-created], uploaded_on, folder[m2o], width, height, charset, duration, tus_id, tus_data[cast-json]
directus_flows: id[uuid], name, icon, color, description, status, trigger, accountability, options[cast-json], operation, operations[o2m], date_created[date-created], user_created[user-created], folder[m2o]
directus_folders: id[uuid], parent, name, type
directus_migrations: version, name, timestamp
directus_notifications: id, timestamp[date-created,cast-timestamp], status, recipient, sender, subject, message, collection, item
directus_operations: id[uuid], name, key, type, position_x, position_y, options[cast-json], resolve, reject, flow, date_created[date-created], user_created[user-created]
directus_panels: id[uuid], name, icon, color, note, type, show_header[cast-boolean], position_x, position_y, width, height, options[cast-json], date_created[date-created,cast-timestamp], user_created[user-created], dashboard
directus_permissions: permissions[cast-json], presets[cast-json], policy[m2o], collection, id, fields[cast-csv], action, validation[cast-json]
directus_policies: id[uuid], name, icon, description, permissions[o2m], app_access[cast-boolean], admin_access[cast-boolean], ip_access[cast-csv], enforce_tfa[cast-boolean], users[m2m], roles[m2m]
directus_presets: filter[cast-json], layout_query[cast-json], layout_options[cast-json], role[m2o], user[m2o], id, bookmark, icon, color, search, collection, layout, refresh_interval
directus_relations: id, many_collection, many_field, one_collection, one_field, one_collection_field, one_allowed_collections[cast-csv], junction_field, sort_field, one_deselect_action
directus_revisions: id, activity, collection, item, data[cast-json], delta[cast-json], parent, version
directus_roles: id[uuid], name, icon, description, parent[m2o], children[o2m], policies[m2m], users[o2m]
directus_sessions: token, user, expires, ip, user_agent, origin, share, next_token, oauth_client
directus_settings: id, project_name, project_descriptor, project_url, default_language, default_save_action, project_owner, project_usage, org_name, product_updates[cast-boolean], project_status, module_bar[cast-json], visual_editor_urls[cast-json], auth_password_policy, auth_login_attempts, public_registration[cast-boolean], public_registration_role[m2o], public_registration_verify_email[cast-boolean], public_registration_email_filter[cast-json], storage_asset_transform, storage_default_folder, storage_asset_presets[cast-json], report_feature_url, report_bug_url, report_error_url, collaborative_editing_enabled[cast-boolean], mapbox_key, basemaps[cast-json], custom_aspect_ratios[cast-json], project_id, project_color, project_logo, public_foreground, public_background, public_favicon, public_note, default_appearance, default_theme_light, theme_light_overrides[cast-json], default_theme_dark, theme_dark_overrides[cast-json], custom_css, ai_openai_api_key[encrypt], ai_openai_allowed_models[cast-json], ai_anthropic_api_key[encrypt], ai_anthropic_allowed_models[cast-json], ai_google_api_key[encrypt], ai_google_allowed_models[cast-json], ai_system_prompt, ai_translation_default_model, ai_translation_glossary[cast-json], ai_translation_style_guide, ai_openai_compatible_name, ai_openai_compatible_base_url, ai_openai_compatible_api_key[encrypt], ai_openai_compatible_headers[cast-json], ai_openai_compatible_models[cast-json], mcp_enabled[cast-boolean], mcp_allow_deletes[cast-boolean], mcp_prompts_collection, mcp_oauth_enabled[cast-boolean], mcp_oauth_dcr_enabled[cast-boolean], mcp_oauth_cimd_enabled[cast-boolean], mcp_system_prompt_enabled[cast-boolean], mcp_system_prompt, license_key[encrypt], license_token[encrypt]
directus_shares: id[uuid], name, collection, item, role, password[hash,conceal], date_start, date_end, max_uses, times_used, date_created[date-created,cast-timestamp], user_created[user-created]
directus_translations: id[uuid], key, language, value
directus_users: first_name, last_name, email, password[hash,conceal], avatar, location, title, description, tags[cast-json], language, text_direction, tfa_secret[conceal], email_notifications[cast-boolean], appearance, theme_light, theme_light_overrides[cast-json], theme_dark, theme_dark_overrides[cast-json], status, role[m2o], policies[m2m], token[conceal], id[uuid], last_page, last_access, provider, external_identifier, auth_data
directus_versions: id[uuid], key, name, collection, item, hash, date_created[date-created,cast-timestamp], date_updated[date-updated,cast-timestamp], user_created[user-created], user_updated[user-updated], delta[cast-json]
directus_deployments: id[uuid], provider, credentials[encrypt], options[cast-json], projects[o2m], webhook_ids[cast-json], last_synced_at[cast-timestamp], date_created[date-created,cast-timestamp], user_created[user-created]
directus_deployment_projects: id[uuid], deployment, external_id, name, url, framework, deployable[cast-boolean], runs[o2m], date_created[date-created,cast-timestamp], user_created[user-created]
directus_deployment_runs: id[uuid], project, external_id, target, status, url, started_at[cast-timestamp], completed_at[cast-timestamp], date_created[date-created,cast-timestamp], user_created[user-created]
directus_oauth_clients: client_name, redirect_uris[cast-json], grant_types[cast-json], date_created[date-created,cast-timestamp], client_id, token_endpoint_auth_method, client_secret_hash[conceal], tokens[o2m], registration_type, client_uri, logo_uri, tos_uri, policy_uri, metadata_fetched_at[cast-timestamp], metadata_expires_at[cast-timestamp], metadata_etag
directus_oauth_codes: id[uuid], code_hash[conceal], client[m2o], user[m2o], redirect_uri, resource, code_challenge, code_challenge_method, scope, expires_at[cast-timestamp], used_at[cast-timestamp]
directus_oauth_consents: id[uuid], user[m2o], client[m2o], redirect_uri, scope, date_created[date-created,cast-timestamp], date_updated[date-updated,cast-timestamp]
directus_oauth_tokens: id[uuid], client[m2o], user[m2o], session[conceal], previous_session[conceal], resource, code_hash[conceal], scope, expires_at[cast-timestamp], date_created[date-created,cast-timestamp]
`

// systemRelationsText: many_collection.many_field one_collection one_field junction_field one_deselect_action sort_field
// ("-" = none). Deselect actions and sort fields were read from the recorded getSchema() of the real
// 12.4.1 (services/items/testdata/peer): eight relations use "delete", not "nullify" as spec 12 §5.3 says.
const systemRelationsText = `
directus_collections.group directus_collections - - nullify -
directus_comments.collection directus_collections - - nullify -
directus_comments.user_created directus_users - - nullify -
directus_comments.user_updated directus_users - - nullify -
directus_users.role directus_roles users - nullify -
directus_users.avatar directus_files - - nullify -
directus_revisions.activity directus_activity revisions - nullify -
directus_revisions.parent directus_revisions - - nullify -
directus_revisions.version directus_versions - - nullify -
directus_presets.user directus_users - - nullify -
directus_presets.role directus_roles - - nullify -
directus_folders.parent directus_folders - - nullify -
directus_files.folder directus_folders - - nullify -
directus_files.uploaded_by directus_users - - nullify -
directus_files.modified_by directus_users - - nullify -
directus_fields.collection directus_collections fields - nullify -
directus_fields.group directus_fields - - nullify -
directus_activity.user directus_users - - nullify -
directus_settings.project_logo directus_files - - nullify -
directus_settings.public_foreground directus_files - - nullify -
directus_settings.public_background directus_files - - nullify -
directus_settings.public_favicon directus_files - - nullify -
directus_settings.storage_default_folder directus_folders - - nullify -
directus_settings.public_registration_role directus_roles - - nullify -
directus_panels.dashboard directus_dashboards panels - nullify -
directus_panels.user_created directus_users - - nullify -
directus_flows.operation directus_operations - - nullify -
directus_flows.user_created directus_users - - nullify -
directus_flows.folder directus_folders - - nullify -
directus_operations.flow directus_flows operations - delete -
directus_operations.resolve directus_operations - - nullify -
directus_operations.reject directus_operations - - nullify -
directus_operations.user_created directus_users - - nullify -
directus_sessions.user directus_users - - nullify -
directus_sessions.share directus_shares - - nullify -
directus_dashboards.user_created directus_users - - nullify -
directus_notifications.recipient directus_users - - nullify -
directus_notifications.sender directus_users - - nullify -
directus_shares.role directus_roles - - nullify -
directus_shares.collection directus_collections - - nullify -
directus_shares.user_created directus_users - - nullify -
directus_versions.collection directus_collections - - nullify -
directus_versions.user_created directus_users - - nullify -
directus_versions.user_updated directus_users - - nullify -
directus_permissions.policy directus_policies permissions - delete -
directus_access.policy directus_policies roles role delete -
directus_access.policy directus_policies users user delete -
directus_access.role directus_roles policies policy delete sort
directus_access.user directus_users policies policy delete sort
directus_roles.parent directus_roles children - nullify -
directus_deployment_projects.deployment directus_deployments projects - delete -
directus_deployments.user_created directus_users - - nullify -
directus_deployment_projects.user_created directus_users - - nullify -
directus_deployment_runs.project directus_deployment_projects runs - delete -
directus_deployment_runs.user_created directus_users - - nullify -
directus_oauth_codes.client directus_oauth_clients - - nullify -
directus_oauth_codes.user directus_users - - nullify -
directus_oauth_consents.user directus_users - - nullify -
directus_oauth_consents.client directus_oauth_clients - - nullify -
directus_oauth_tokens.client directus_oauth_clients tokens - nullify -
directus_oauth_tokens.user directus_users - - nullify -
directus_sessions.oauth_client directus_oauth_clients - - nullify -
`

// systemFieldNotesText: "collection.field note" for the system fields whose note is set (from the
// recorded getSchema() of the real 12.4.1, services/items/testdata/peer/recordings/sqlite3/schema.json).
const systemFieldNotesText = `
directus_collections.translations $t:field_options.directus_collections.collection_naming_translations_note
directus_policies.enforce_tfa $t:field_options.directus_policies.enforce_tfa
directus_roles.children $t:field_options.directus_roles.children_note
directus_roles.parent $t:field_options.directus_roles.parent_note
directus_settings.ai_system_prompt $t:fields.directus_settings.ai_system_prompt_note
directus_settings.ai_translation_default_model $t:fields.directus_settings.ai_translation_default_model_note
directus_settings.ai_translation_glossary $t:fields.directus_settings.ai_translation_glossary_note
directus_settings.ai_translation_style_guide $t:fields.directus_settings.ai_translation_style_guide_note
directus_settings.collaborative_editing_enabled $t:fields.directus_settings.collaborative_editing_note
directus_settings.default_save_action $t:default_save_action_note
directus_settings.mcp_allow_deletes $t:fields.directus_settings.mcp_allow_deletes_note
directus_settings.mcp_enabled $t:fields.directus_settings.mcp_enabled_note
directus_settings.mcp_oauth_cimd_enabled Allow MCP clients to identify themselves using an HTTPS URL that hosts their metadata (IETF draft-oauth-client-id-metadata-document).
directus_settings.mcp_oauth_dcr_enabled Allow MCP clients to register automatically using the OAuth 2.0 Dynamic Client Registration protocol (RFC 7591).
directus_settings.mcp_oauth_enabled $t:fields.directus_settings.mcp_oauth_enabled_note
directus_settings.mcp_prompts_collection $t:fields.directus_settings.mcp_prompts_collection_note
directus_settings.mcp_system_prompt $t:fields.directus_settings.mcp_system_prompt_note
directus_settings.mcp_system_prompt_enabled $t:fields.directus_settings.mcp_system_prompt_enabled_note
directus_settings.project_color $t:field_options.directus_settings.project_color_note
directus_settings.project_logo $t:field_options.directus_settings.project_logo_note
directus_settings.public_favicon $t:field_options.directus_settings.project_favicon_note
directus_settings.public_registration $t:fields.directus_settings.public_registration_note
directus_settings.public_registration_email_filter $t:fields.directus_settings.public_registration_email_filter_note
directus_settings.public_registration_role $t:fields.directus_settings.public_registration_role_note
directus_settings.public_registration_verify_email $t:fields.directus_settings.public_registration_verify_email_note
directus_settings.storage_default_folder $t:interfaces.system-folder.field_hint
directus_shares.date_end $t:shared_leave_blank_for_unlimited
directus_shares.date_start $t:shared_leave_blank_for_unlimited
directus_shares.max_uses $t:shared_leave_blank_for_unlimited
directus_shares.password $t:shared_leave_blank_for_passwordless_access
`
