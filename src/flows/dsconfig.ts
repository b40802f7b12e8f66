import type { Population } from '../pingone/models';
import { SECRET_VARIABLE, type SyncDirection } from '../syncConfig';
import { type Prompter, answered } from '../ui/prompter';

const NO_POPULATION = Symbol('none');

export interface DsconfigChoice {
  direction: SyncDirection;
  /** For a destination: where new users are created (unset: PingOne's default population). */
  defaultPopulation?: Population;
  /** For a source: the populations to read (none: all). */
  populationsToSynchronize?: Population[];
  objectName: string;
  includeSecret: boolean;
}

export interface DsconfigDeps {
  prompter: Prompter;
  title: string;
  populations: Promise<Population[]>;
  /** The suggested name of the PingDataSync object ("PingOne <environment>"). */
  suggestedName: () => Promise<string>;
}

/**
 * Copy PingDataSync Configuration's questions: destination or source, the
 * populations, the object's name, and whether the secret goes into the text
 * (no: it stays a shell variable). Throws UserCancelled on Escape.
 */
export async function askDsconfig(deps: DsconfigDeps): Promise<DsconfigChoice> {
  const { prompter, title } = deps;
  const direction = answered(
    await prompter.pick<SyncDirection>({
      title,
      placeholder: 'What is PingOne to PingDataSync?',
      items: [
        { label: 'Sync destination', description: 'PingDataSync writes users to PingOne', value: 'destination' },
        { label: 'Sync source', description: 'PingDataSync reads users from PingOne', value: 'source' },
      ],
    })
  );
  const popItems = deps.populations.then((ps) =>
    ps.map((p) => ({ label: p.name, description: p.default ? 'default population' : undefined, detail: p.id, value: p }))
  );
  const choice: Omit<DsconfigChoice, 'objectName' | 'includeSecret'> = { direction };
  if (direction === 'destination') {
    const picked = answered(
      await prompter.pick<Population | typeof NO_POPULATION>({
        title: `${title}: default population`,
        placeholder: 'The population new users are created in (default-population-id)',
        items: popItems.then((items) => [
          ...items,
          {
            label: 'Leave unset',
            description: "PingOne's default population applies",
            value: NO_POPULATION as Population | typeof NO_POPULATION,
          },
        ]),
        selected: (p) => p !== NO_POPULATION && p.default === true,
      })
    );
    choice.defaultPopulation = picked === NO_POPULATION ? undefined : picked;
  } else {
    choice.populationsToSynchronize = answered(
      await prompter.pickMany<Population>({
        title: `${title}: populations to synchronize`,
        placeholder: 'Pick the populations to read (population-to-synchronize); none picked: all populations',
        items: popItems,
      })
    );
  }
  const objectName = answered(
    await prompter.input({
      title: `${title}: name of the ${direction === 'destination' ? 'sync destination' : 'sync source'}`,
      value: await deps.suggestedName(),
      validate: (v) => (v.trim() ? undefined : 'Enter a name for the PingDataSync object.'),
    })
  );
  const includeSecret = answered(
    await prompter.pick<boolean>({
      title: `${title}: client secret`,
      items: [
        { label: `Use the shell variable $${SECRET_VARIABLE}`, description: 'recommended: the secret stays out of the text', value: false },
        { label: 'Include the client secret', description: 'the text and the clipboard will hold the secret', value: true },
      ],
    })
  );
  return { ...choice, objectName: objectName.trim(), includeSecret };
}
