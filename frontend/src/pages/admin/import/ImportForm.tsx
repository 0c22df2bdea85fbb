import { useState } from 'react';
import { useNavigate } from 'react-router';
import { importsApi, type ImportField, type ImportMapping, type ImportOptions } from '../../../api/imports';
import { FieldShell } from '../../../components/Field';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { importKeys } from '../queries/jobs';
import { useCatalog } from '../useCatalog';
import { guessMapping, readHeader, type CsvHeader } from './csvHeader';
import { ImportOptionsFields } from './ImportOptionsFields';
import { MappingFields } from './MappingFields';

const FIELDS = ['file', 'map_email'] as const;

/** Choose a file → map its columns → options → dry run (then the import's own page). */
export function ImportForm() {
  const navigate = useNavigate();
  const catalog = useCatalog();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<CsvHeader | null>(null);
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [options, setOptions] = useState<ImportOptions>({ offer_ids: [], community_ids: [], send_welcome: false });
  const form = useDeskForm({
    fields: FIELDS,
    // A chosen file and its mapping are work to redo.
    dirty: file !== null,
    validate: () => {
      if (!file || !header) return { file: 'Choose a CSV file.' };
      return { map_email: mapping.email ? undefined : 'Choose the column that holds the email addresses.' };
    },
    submit: () => {
      const mapped = Object.fromEntries(Object.entries(mapping).filter(([, column]) => column)) as ImportMapping;
      return importsApi.upload(file as File, mapped, options, true);
    },
    invalidates: [importKeys.list],
    onSaved: (rec) => {
      void navigate(`/admin/import/${encodeURIComponent(rec.id)}`);
    },
  });

  async function choose(chosen: File | null) {
    form.reset();
    setFile(chosen);
    setHeader(null);
    setMapping({});
    if (!chosen) return;
    setReading(true);
    try {
      const read = await readHeader(chosen);
      if ('error' in read) return form.invalid({ file: read.error });
      setHeader(read);
      setMapping(guessMapping(read.columns));
    } catch {
      form.invalid({ file: 'The file could not be read. Choose it again.' });
    } finally {
      setReading(false);
    }
  }

  return (
    <DeskForm form={form} className="form import-form">
      <section className="card section-card" aria-labelledby="import-file-title">
        <h2 id="import-file-title">1. Choose the file</h2>
        <FieldShell
          label="CSV file"
          hint="UTF-8 (with or without a byte-order mark), comma- or semicolon-separated, up to 20 MiB and 100,000 rows. The first row names the columns."
          error={form.fields.file}
        >
          {(a11y) => (
            <input {...a11y} type="file" name="file" accept=".csv,text/csv" className="input input-file" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
          )}
        </FieldShell>
        <p role="status" className="muted picker-status">
          {reading ? 'Reading the header row…' : header && file ? `${file.name}: ${header.columns.length} columns, separated by “${header.delimiter}”.` : ''}
        </p>
      </section>

      {header && (
        <>
          <section className="card section-card" aria-labelledby="import-map-title">
            <h2 id="import-map-title">2. Match the columns</h2>
            <p className="muted">Pre-chosen from the column names: check them. Columns not chosen are not imported.</p>
            <MappingFields
              columns={header.columns}
              mapping={mapping}
              onChange={(field: ImportField, column) => setMapping((m) => ({ ...m, [field]: column }))}
              emailError={form.fields.map_email}
            />
          </section>
          <section className="card section-card" aria-labelledby="import-options-title">
            <h2 id="import-options-title">3. Options</h2>
            <div className="form">
              <ImportOptionsFields options={options} onChange={(patch) => setOptions((o) => ({ ...o, ...patch }))} catalog={catalog} />
            </div>
          </section>
          <FormActions form={form} submit="Dry run" busyLabel="Uploading…">
            <span className="muted form-status">The dry run changes nothing: it checks every row and counts what the import would do.</span>
          </FormActions>
        </>
      )}
    </DeskForm>
  );
}
