// SPDX-License-Identifier: Apache-2.0
#include "schema/value.hpp"

#include "core/i18n.hpp"

namespace adx::schema {

const char* value_type_name(ValueType t) noexcept {
    using core::N_;
    switch (t) {
        case ValueType::null: return N_("null");
        case ValueType::boolean: return N_("boolean");
        case ValueType::number: return N_("number");
        case ValueType::text: return N_("text");
        case ValueType::date: return N_("date");
        case ValueType::datetime: return N_("datetime");
        case ValueType::list: return N_("list");
    }
    return "?";
}

}  // namespace adx::schema
