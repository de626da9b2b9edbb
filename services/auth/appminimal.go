package auth

import (
	"encoding/json"
	"sync"
)

// appMinimalJSON is @directus/system-data 12.4.1's appAccessMinimalPermissions: what every caller
// with app access may do besides its policies (each entry defaults to policy null, permissions {},
// validation null, presets null, fields ["*"], system true).
const appMinimalJSON = `[
{"collection":"directus_collections","action":"read"},
{"collection":"directus_fields","action":"read"},
{"collection":"directus_relations","action":"read"},
{"collection":"directus_translations","action":"read"},
{"collection":"directus_activity","action":"read","permissions":{"user":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_comments","action":"read","permissions":{"user_created":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_comments","action":"create","validation":{"comment":{"_nnull":true}}},
{"collection":"directus_comments","action":"update","permissions":{"user_created":{"_eq":"$CURRENT_USER"}},"fields":["comment"]},
{"collection":"directus_comments","action":"delete","permissions":{"user_created":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_presets","action":"read","permissions":{"_or":[{"user":{"_eq":"$CURRENT_USER"}},{"_and":[{"user":{"_null":true}},{"role":{"_eq":"$CURRENT_ROLE"}}]},{"_and":[{"user":{"_null":true}},{"role":{"_null":true}}]}]}},
{"collection":"directus_presets","action":"create","validation":{"user":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_presets","action":"update","permissions":{"user":{"_eq":"$CURRENT_USER"}},"validation":{"user":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_presets","action":"delete","permissions":{"user":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_roles","action":"read","permissions":{"id":{"_in":"$CURRENT_ROLES"}}},
{"collection":"directus_settings","action":"read","fields":["id","project_url","project_logo","module_bar","storage_asset_transform","storage_asset_presets","custom_aspect_ratios","basemaps","mapbox_key","visual_editor_urls","collaborative_editing_enabled","report_error_url","ai_openai_compatible_models","ai_openai_allowed_models","ai_anthropic_allowed_models","ai_google_allowed_models","mcp_prompts_collection","default_save_action","ai_translation_default_model","ai_translation_glossary","ai_translation_style_guide"]},
{"collection":"directus_translations","action":"read"},
{"collection":"directus_notifications","action":"read","permissions":{"recipient":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_notifications","action":"update","permissions":{"recipient":{"_eq":"$CURRENT_USER"}},"fields":["status"]},
{"collection":"directus_shares","action":"read","permissions":{"user_created":{"_eq":"$CURRENT_USER"}}},
{"collection":"directus_users","action":"read","permissions":{"id":{"_eq":"$CURRENT_USER"}},"fields":["id","first_name","last_name","last_page","email","password","location","title","description","tags","provider","preferences_divider","avatar","language","appearance","theme_light","theme_dark","tfa_secret","status","role"]}
]`

// appMinimalPermissions returns a copy of the parsed list. The maps inside are shared: nothing
// mutates them (variable resolution builds new maps).
func appMinimalPermissions() []Permission { return append([]Permission(nil), parsedAppMinimal()...) }

var parsedAppMinimal = sync.OnceValue(parseAppMinimal)

func parseAppMinimal() []Permission {
	var raw []struct {
		Collection  string         `json:"collection"`
		Action      string         `json:"action"`
		Permissions map[string]any `json:"permissions"`
		Validation  map[string]any `json:"validation"`
		Fields      []string       `json:"fields"`
	}
	if err := json.Unmarshal([]byte(appMinimalJSON), &raw); err != nil {
		panic("auth: app minimal permissions: " + err.Error()) // a constant: covered by tests
	}
	out := make([]Permission, len(raw))
	for i, r := range raw {
		p := Permission{Collection: r.Collection, Action: r.Action, Permissions: r.Permissions, Validation: r.Validation,
			Fields: r.Fields, System: true}
		if p.Permissions == nil {
			p.Permissions = map[string]any{}
		}
		if p.Fields == nil {
			p.Fields = []string{"*"}
		}
		out[i] = p
	}
	return out
}
