// SPDX-License-Identifier: Apache-2.0
#pragma once
// The validator: one format, any number of input files, every problem found
// (collect, then fail once). Per record: each cell is mapped to its field and
// checked against the field's type and limits, required fields are looked for,
// rules are evaluated; across records, uniqueness keys; against reference
// data, the registry of enterprises and last period's report.

#include "core/encoding.hpp"
#include "core/error.hpp"
#include "core/input.hpp"
#include "records/reader.hpp"
#include "schema/format.hpp"
#include "validate/reference.hpp"
#include "validate/report.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace adx::validate {

struct Options {
    std::uint64_t max_errors = 1000;  // diagnostics shown; counting goes on
    bool warnings_as_errors = false;
    core::Encoding encoding = core::Encoding::auto_detect;
    std::chrono::year_month_day today{};
    std::int64_t now = 0;  // seconds since the epoch
    const Registry* registry = nullptr;
    const Previous* previous = nullptr;
    // Worker threads for CSV and TSV input (1: check on the calling thread
    // only). The output is the same whatever the number.
    unsigned threads = 1;
    // The size of the chunks the workers get (small ones are for tests).
    std::size_t chunk_bytes = std::size_t{1} << 20;
};

// The worker threads to use by default: the CPUs this process may run on,
// at most 8.
unsigned default_threads() noexcept;

class Validator {
public:
    Validator(const schema::Format& format, const Options& options, Report& report);
    ~Validator();
    Validator(const Validator&) = delete;
    Validator& operator=(const Validator&) = delete;

    // Validates one input. Problems with the data are diagnostics (the result
    // is still a value); an error is returned only when the input cannot be
    // read at all (Exit::io).
    core::Expected<FileSummary> validate(core::Input& input, records::Syntax syntax);

    std::uint64_t errors() const noexcept;
    std::uint64_t warnings() const noexcept;
    // Whether everything validated so far passes (warnings count with
    // --warnings-as-errors).
    bool valid() const noexcept;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace adx::validate
