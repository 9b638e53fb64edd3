// SPDX-License-Identifier: Apache-2.0
#pragma once
// The output of adx formats: the list of formats and one format's
// description, as text (in the current language) or JSON (adx-formats(1)
// documents the shape).

#include "schema/format.hpp"

#include <string>
#include <vector>

namespace adx::tools {

struct FormatSummary {
    std::string name;
    const schema::Format* format = nullptr;  // null: it did not load
};

std::string formats_list_text(const std::vector<FormatSummary>& formats);
std::string formats_list_json(const std::vector<FormatSummary>& formats);

std::string format_text(const schema::Format& f);
std::string format_json(const schema::Format& f);

}  // namespace adx::tools
