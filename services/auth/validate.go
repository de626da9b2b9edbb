package auth

import (
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/validation"
)

// ValidatePayload is validation.Payload: permission rules use the same checks as the schema's.
func ValidatePayload(filter map[string]any, payload map[string]any, path []any) []*errs.Error {
	return validation.Payload(filter, payload, path)
}

// ValidationErrors is the list of FAILED_VALIDATION errors Directus throws together.
type ValidationErrors = validation.Errors

// CodeFailedValidation is @directus/validation's FAILED_VALIDATION.
const CodeFailedValidation = validation.Code
